package dev.mlsd.visualsearch;

import dev.mlsd.core.data.Datasets;
import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.visualsearch.data.FashionMnist;
import dev.mlsd.visualsearch.data.GalleryQuerySplit;
import dev.mlsd.visualsearch.evaluation.ClassRelevance;
import dev.mlsd.visualsearch.evaluation.RetrievalEvaluation;
import dev.mlsd.visualsearch.features.Preprocessor;
import dev.mlsd.visualsearch.model.PcaEmbedder;
import dev.mlsd.visualsearch.model.RawPixelEmbedder;

public class EvalProbe {
  public static void main(String[] a) throws Exception {
    var d = Datasets.fromEnvironment();
    var split = GalleryQuerySplit.of(FashionMnist.train(d).images(), FashionMnist.test(d).images());
    if (a.length > 0) split = split.head(Integer.parseInt(a[0]), Integer.parseInt(a[1]));
    var pre = Preprocessor.fit(split.gallery());
    var ev = new RetrievalEvaluation(split, pre.applyAll(split.gallery()), pre.applyAll(split.queries()), ClassRelevance.FASHION_GROUPS, Bootstrap.of(42));
    long t = System.nanoTime();
    var r = ev.evaluate(new RawPixelEmbedder(pre));
    System.out.println(r.name() + " " + r.metrics().metrics() + " embed " + r.embedMillis() + " search " + r.searchMillis() + " total " + (System.nanoTime() - t) / 1e6);
    System.out.println(java.util.Arrays.toString(r.metrics().curveK()) + java.util.Arrays.toString(r.metrics().curve()));
    t = System.nanoTime();
    var pca = dev.mlsd.visualsearch.model.PcaEmbedder.fit(ev.galleryImages(), split.gallery().count(), pre.imageSize(), 10000, 128, 42);
    System.out.println("pca fit " + (System.nanoTime() - t) / 1e6);
    r = ev.evaluate(pca);
    System.out.println(r.name() + " " + r.metrics().metrics() + " embed " + r.embedMillis() + " search " + r.searchMillis()+ " total " + (System.nanoTime() - t) / 1e6);
  }
}
