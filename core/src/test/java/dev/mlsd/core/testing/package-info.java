/**
 * Test helpers shared through core's test-jar: {@link dev.mlsd.core.testing.Browser} (headless
 * Chromium through Selenium) and {@link dev.mlsd.core.testing.ReportCheck} (every chart of a report
 * drew, no script error). A module using them declares {@code mlsd-core} with {@code
 * <type>test-jar</type>} and {@code org.seleniumhq.selenium:selenium-chrome-driver}, both in test
 * scope.
 */
package dev.mlsd.core.testing;
