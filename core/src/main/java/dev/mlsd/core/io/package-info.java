/**
 * Versioned, checksummed binary files for trained models and indexes ({@link
 * dev.mlsd.core.io.ArtifactFile}). No Java serialization anywhere: every format is explicit.
 */
package dev.mlsd.core.io;
