package dev.mlsd.videosearch.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.testing.Browser;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The search page in headless Chromium: type a query, see results with both searches' scores. */
class SearchPageTest {
  @Test
  void aQueryShowsResultsWithMatchedTextAndEachSearchsScore() throws Exception {
    try (TinyStack stack = new TinyStack(null)) {
      stack.addCatalogue();
      var served = stack.pipelines.served(new WeightedSumFusion(0.5));
      try (JsonServer server =
              VideoSearchServer.start(
                  new SearchService(served, stack.indexer, TinyStack.DIM),
                  stack.indexer,
                  new VideoSearchServer.Served(served, "weighted sum 0.5"),
                  0);
          Browser browser = Browser.open()) {
        var driver = browser.driver();
        browser.open(server.uri() + "/");
        driver.findElement(By.id("q")).sendKeys("dog on the beach");
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        await(() -> !driver.findElements(By.cssSelector("#results tbody tr")).isEmpty());
        List<WebElement> rows = driver.findElements(By.cssSelector("#results tbody tr"));
        assertEquals(10, rows.size());
        List<WebElement> first = rows.get(0).findElements(By.tagName("td"));
        assertEquals("u1@N0_1", first.get(1).getText());
        assertTrue(first.get(2).getText().contains("beach"));
        assertTrue(
            first.get(2).findElements(By.tagName("mark")).size() >= 2, "matched words marked");
        assertTrue(
            first.get(4).getText().endsWith("(1)"), "BM25 rank 1: " + first.get(4).getText());
        assertTrue(
            first.get(5).getText().matches("-?\\d\\.\\d{3} \\(\\d+\\)"), first.get(5).getText());
        browser.screenshot(Path.of("target", "screenshots", "search-page.png"));

        driver.findElement(By.id("q")).clear();
        driver.findElement(By.id("q")).sendKeys("?!");
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        await(() -> driver.findElement(By.id("status")).getText().contains("no searchable words"));
        browser.screenshot(Path.of("target", "screenshots", "search-page-error.png"));

        browser.open(server.uri() + "/?q=guitar%20on%20stage&k=5");
        await(() -> driver.findElements(By.cssSelector("#results tbody tr")).size() == 5);
        assertEquals(
            "u3@N0_8",
            driver.findElements(By.cssSelector("#results tbody tr td")).get(1).getText());
        assertTrue(browser.scriptErrors().isEmpty(), browser.scriptErrors().toString());
      }
    }
  }

  /** Polls until the page shows what is expected (the fetch is asynchronous); fails after 20 s. */
  private static void await(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the page did not update within 20 s");
  }
}
