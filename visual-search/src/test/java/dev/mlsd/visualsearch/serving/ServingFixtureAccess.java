package dev.mlsd.visualsearch.serving;

import dev.mlsd.visualsearch.data.ImageSet;

/** Gives other test packages the fixture's generated images. */
public final class ServingFixtureAccess {
  private ServingFixtureAccess() {}

  /** {@code n} generated 28x28 greyscale images. */
  public static ImageSet images(int n) {
    return ServingFixture.generate(n, 11);
  }
}
