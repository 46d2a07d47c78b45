package dev.mlsd.visualsearch.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.testing.Browser;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The web page in headless Chromium: pick a gallery image, search, see a grid of results with
 * scores; drag a crop box, search again. Screenshots go to target/.
 */
class SearchPageBrowserTest {

  /** Polls a condition on the page until it holds or 20 seconds pass. */
  private record Waiter(WebDriver driver) {
    void until(Predicate<WebDriver> condition) throws InterruptedException {
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (true) {
        try {
          if (condition.test(driver)) {
            return;
          }
        } catch (RuntimeException notYet) {
          // an element not there yet
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the page did not reach the expected state in 20 s");
        }
        Thread.sleep(100);
      }
    }
  }

  @Test
  void pickSearchCropAndSeeResults() throws Exception {
    ServingFixture f = new ServingFixture(0.9999f);
    try (JsonServer server =
            VisualSearchServer.start(f.service, f.indexing, id -> id % 2 == 0 ? "even" : "odd", 0);
        Browser browser = Browser.open()) {
      WebDriver d = browser.driver();
      browser.open(server.uri().toString());
      Waiter wait = new Waiter(d);
      wait.until(x -> x.findElements(By.cssSelector("#gallery img")).size() == 36);
      d.findElements(By.cssSelector("#gallery img")).get(3).click();
      wait.until(x -> x.findElement(By.id("status")).getText().startsWith("query: 28x28"));
      d.findElement(By.id("search")).click();
      wait.until(x -> x.findElements(By.cssSelector("#results .result")).size() == 10);
      String first = d.findElements(By.cssSelector("#results .result div")).get(0).getText();
      assertTrue(first.matches("#\\d+ (even|odd) \\d\\.\\d{3}"), first);
      Boolean loaded =
          (Boolean)
              browser.script(
                  "return [...document.querySelectorAll('#results img')]"
                      + ".every(i => i.complete && i.naturalWidth === 28);");
      assertTrue(loaded, "every result thumbnail loaded");
      browser.screenshot(Path.of("target", "visual-search-page.png"));

      WebElement canvas = d.findElement(By.id("query"));
      new Actions(d)
          .moveToElement(canvas, -80, -80)
          .clickAndHold()
          .moveByOffset(100, 100)
          .release()
          .perform();
      String crop = d.findElement(By.id("crop")).getText();
      assertTrue(crop.matches("\\d+,\\d+,\\d+,\\d+"), "a crop box was drawn: " + crop);
      d.findElement(By.id("search")).click();
      wait.until(x -> x.findElement(By.id("status")).getText().endsWith("(crop)"));
      assertEquals(10, d.findElements(By.cssSelector("#results .result")).size());
      browser.screenshot(Path.of("target", "visual-search-page-crop.png"));

      d.findElement(By.id("k")).clear();
      d.findElement(By.id("k")).sendKeys("500");
      d.findElement(By.id("search")).click();
      wait.until(x -> x.findElement(By.id("status")).getText().startsWith("400"));
      assertTrue(browser.scriptErrors().isEmpty(), browser.scriptErrors().toString());
    }
  }
}
