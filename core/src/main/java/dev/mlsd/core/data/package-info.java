/**
 * The dataset layer: descriptors of the real datasets ({@link
 * dev.mlsd.core.data.DatasetDescriptor}), the resolver that finds their files ({@link
 * dev.mlsd.core.data.Datasets}: explicit folder, then cache, then a checksummed download), and a
 * streaming delimited-file reader that counts malformed rows ({@link
 * dev.mlsd.core.data.DelimitedReader}).
 *
 * <p>Book: chapter 1, "Data preparation".
 */
package dev.mlsd.core.data;
