/**
 * Data: the image catalogues and how they are read. {@link dev.mlsd.visualsearch.data.FashionMnist}
 * (IDX files, read by {@link dev.mlsd.visualsearch.data.IdxReader}) and {@link
 * dev.mlsd.visualsearch.data.Cifar10} (JPEG zip or the publisher's binary release) both give an
 * {@link dev.mlsd.visualsearch.data.ImageSet}; {@link dev.mlsd.visualsearch.data.GalleryQuerySplit}
 * says which images are the gallery and which are the queries.
 *
 * <p>Book: chapter 2, "Data preparation".
 */
package dev.mlsd.visualsearch.data;
