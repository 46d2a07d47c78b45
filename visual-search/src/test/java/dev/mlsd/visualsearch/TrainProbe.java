package dev.mlsd.visualsearch;

import dev.mlsd.core.data.Datasets;
import dev.mlsd.visualsearch.data.FashionMnist;
import dev.mlsd.visualsearch.features.Preprocessor;
import dev.mlsd.visualsearch.model.ContrastiveTrainer;
import dev.mlsd.visualsearch.model.EncoderConfig;

public class TrainProbe {
  public static void main(String[] a) throws Exception {
    var train = FashionMnist.train(Datasets.fromEnvironment());
    System.out.println(train.report().summary());
    var pre = Preprocessor.fit(train.images());
    EncoderConfig c = EncoderConfig.standard(28, 28, 1, Integer.parseInt(a[0]));
    long t0 = System.nanoTime();
    var r = new ContrastiveTrainer(c, 42).train(train.images(), pre, (e, s, tot, loss) -> {
      if (s % 5 == 0) System.out.printf("step %d/%d loss %.4f %.1fs%n", s, tot, loss, (System.nanoTime() - t0) / 1e9);
    });
    System.out.println(r.steps() + " steps " + r.millis() + " ms");
  }
}
