/**
 * Matrix factorisation on Spark MLlib: implicit-feedback ALS trained on the recommendation module's
 * training rows, and its scorer (users folded in from the request's history), the peer of the
 * module's WALS. Book: chapter 6, "Model development".
 */
package dev.mlsd.batch.model;
