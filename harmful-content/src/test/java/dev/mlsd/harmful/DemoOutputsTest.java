package dev.mlsd.harmful;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DemoOutputsTest {
  @Test
  void chartLabelsAreShortAndKeepTheSeed() {
    assertEquals("prior (trivial)", DemoOutputs.chartLabel("prior (trivial)"));
    assertEquals("LR (baseline)", DemoOutputs.chartLabel("hashed n-grams + LR"));
    assertEquals("DNN, seed 43", DemoOutputs.chartLabel("multi-task DNN (seed 43)"));
    assertEquals("DNN, focal, seed 42", DemoOutputs.chartLabel("multi-task DNN, focal (seed 42)"));
  }
}
