package dev.mlsd.core.demo;

/**
 * The parent pom's placeholder main class for {@code exec:java}. Modules without a demo skip the
 * exec plugin, so this only runs if a module forgets to set {@code exec.mainClass}; it then says
 * so.
 */
public final class NoDemo {
  private NoDemo() {}

  /**
   * Prints that the module has no demo and which modules do.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.err.println(
        "This module has no demo. Run one of the case-study modules, e.g. mvn -pl ad-ctr exec:java");
    System.exit(2);
  }
}
