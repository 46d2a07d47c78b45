package dev.mlsd.visualsearch.serving;

import dev.mlsd.core.http.BadRequestException;
import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.http.RawHandler;
import dev.mlsd.core.monitoring.LatencyRecorder;
import dev.mlsd.core.monitoring.ServingMetrics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * The HTTP face of visual search, on core's {@link JsonServer} (127.0.0.1 by default):
 *
 * <ul>
 *   <li>{@code POST /v1/search?k=10&crop=x,y,w,h} with a PNG or JPEG body: ids, scores and class
 *       names of the k most similar gallery images, best first;
 *   <li>{@code GET /v1/images/{id}.png}: a gallery image;
 *   <li>{@code POST /v1/images} with a PNG or JPEG body: adds it to the index (the indexing
 *       pipeline), answers its id;
 *   <li>{@code POST /v1/images/{id}/private} with {@code {"value": true}} (or false): hides an
 *       image from results (or shows it again);
 *   <li>{@code GET /v1/gallery}: size, limits and a sample of ids for the page;
 *   <li>{@code GET /}: the web page; {@code /health}, {@code /metrics} (with per-stage latencies).
 * </ul>
 *
 * Bad input is a 400 with a one-line reason: not an image, over {@link QueryImageDecoder#MAX_BYTES}
 * bytes (413) or {@link QueryImageDecoder#MAX_SIDE} pixels a side, a crop outside the image, k
 * outside 1..maxK, an unknown id (404).
 *
 * <p>Thread safety: thread-safe; see {@link VisualSearchService} and {@link IndexingPipeline}.
 *
 * <p>Book: chapter 2, "Serving".
 */
public final class VisualSearchServer {
  private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg");

  private VisualSearchServer() {}

  /**
   * The body of {@code POST /v1/images/{id}/private}.
   *
   * @param value true hides the image from results (private or removed), false shows it again;
   *     required
   */
  public record PrivateFlag(boolean value) {}

  /** The answer of a search, with the class name of each result ("added" for uploads). */
  public record Answer(String encoder, int[] ids, float[] scores, String[] classes) {}

  /** 4 workers, 32 queued requests, 100 ms longest queue wait ({@link JsonServer}'s defaults). */
  public static final JsonServer.Limits DEFAULT_LIMITS =
      new JsonServer.Limits(4, 32, java.time.Duration.ofMillis(100));

  /**
   * Starts the server with {@link #DEFAULT_LIMITS}.
   *
   * @param service the prediction pipeline
   * @param indexing the indexing pipeline over the same index and gallery
   * @param classOf class name of a gallery id (ids past the initial gallery are "added")
   * @param port 0 for any free port
   */
  public static JsonServer start(
      VisualSearchService service,
      IndexingPipeline indexing,
      java.util.function.IntFunction<String> classOf,
      int port)
      throws IOException {
    return start(service, indexing, classOf, port, DEFAULT_LIMITS);
  }

  /**
   * Starts the server.
   *
   * @param service the prediction pipeline
   * @param indexing the indexing pipeline over the same index and gallery
   * @param classOf class name of a gallery id (ids past the initial gallery are "added")
   * @param port 0 for any free port
   * @param limits workers, queue and longest queue wait (the load command's {@code --threads},
   *     {@code --queue}, {@code --max-queue-ms})
   */
  public static JsonServer start(
      VisualSearchService service,
      IndexingPipeline indexing,
      java.util.function.IntFunction<String> classOf,
      int port,
      JsonServer.Limits limits)
      throws IOException {
    Gallery gallery = service.gallery();
    ServingMetrics metrics = new ServingMetrics();
    for (LatencyRecorder r : service.stageLatencies()) {
      metrics.bindLatency(r);
    }
    byte[] page = resource("page.html");
    QueryImageDecoder decoder = service.decoder();
    return JsonServer.builder("visual-search")
        .port(port)
        .limits(limits)
        .maxBodyBytes(QueryImageDecoder.MAX_BYTES)
        .metrics(metrics)
        .getRaw("/", (rest, q) -> new RawHandler.Response("text/html; charset=utf-8", page))
        .get("/v1/gallery", () -> galleryInfo(service))
        .postBinary(
            "/v1/search",
            IMAGE_TYPES,
            (body, n, type, q) -> {
              SearchResponse r =
                  input(
                      () ->
                          service.search(
                              body, n, CropBox.parse(q.get("crop")), parseK(q.get("k"))));
              String[] classes = new String[r.ids().length];
              for (int i = 0; i < classes.length; i++) {
                classes[i] = classOf.apply(r.ids()[i]);
              }
              return new Answer(r.encoder(), r.ids(), r.scores(), classes);
            })
        .postBinary(
            "/v1/images",
            IMAGE_TYPES,
            (body, n, type, q) -> {
              byte[] pixels = new byte[decoder.imageSize()];
              input(
                  () -> {
                    decoder.decode(body, n, CropBox.parse(q.get("crop")), pixels);
                    return pixels;
                  });
              return Map.of("id", indexing.add(pixels));
            })
        .getRawPrefix(
            "/v1/images/",
            (rest, q) -> {
              if (!rest.endsWith(".png")) {
                throw new BadRequestException(404, "images are served as /v1/images/{id}.png");
              }
              int id = parseId(rest.substring(0, rest.length() - 4), gallery);
              return new RawHandler.Response("image/png", png(gallery, id));
            })
        .postPrefix(
            "/v1/images/",
            PrivateFlag.class,
            (rest, flag) -> {
              if (!rest.endsWith("/private")) {
                throw new BadRequestException(404, "no endpoint /v1/images/" + rest);
              }
              int id = parseId(rest.substring(0, rest.length() - "/private".length()), gallery);
              gallery.setPrivate(id, flag.value());
              return Map.of("id", id, "private", flag.value());
            })
        .health("encoder", service::encoderName)
        .health("gallery", gallery::size)
        .health("private", gallery::privateCount)
        .start();
  }

  private static Map<String, Object> galleryInfo(VisualSearchService service) {
    Gallery g = service.gallery();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("size", g.size());
    m.put("height", g.height());
    m.put("width", g.width());
    m.put("channels", g.channels());
    m.put("maxK", service.params().maxK());
    m.put("maxBytes", QueryImageDecoder.MAX_BYTES);
    m.put("maxSide", QueryImageDecoder.MAX_SIDE);
    List<Integer> sample = new ArrayList<>();
    int n = g.size();
    for (int i = 0; i < 36 && i < n; i++) {
      sample.add((int) ((long) i * 7919 % n)); // a fixed spread of ids
    }
    m.put("sample", sample);
    m.put("encoder", service.encoderName());
    return m;
  }

  /**
   * Runs a step on client input: its {@link IllegalArgumentException} (the reason the input cannot
   * be served) becomes a 400 with that reason; anything else stays a server fault (500).
   */
  private static <T> T input(java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(400, e.getMessage());
    }
  }

  static int parseK(String text) {
    if (text == null || text.isEmpty()) {
      return 10;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("k must be an integer, got '" + text + "'");
    }
  }

  private static int parseId(String text, Gallery gallery) {
    int id;
    try {
      id = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new BadRequestException(404, "no image '" + text + "'");
    }
    if (id < 0 || id >= gallery.size()) {
      throw new BadRequestException(
          404, "no image " + id + " (the gallery holds " + gallery.size() + ")");
    }
    return id;
  }

  /** A gallery image as PNG bytes. */
  public static byte[] png(Gallery gallery, int id) {
    byte[] px = new byte[gallery.imageSize()];
    gallery.image(id, px);
    return png(px, gallery.height(), gallery.width(), gallery.channels());
  }

  /** Encodes channels-last bytes as PNG. */
  public static byte[] png(byte[] px, int h, int w, int c) {
    BufferedImage img =
        new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int o = (y * w + x) * c;
        if (c == 1) {
          img.getRaster().setSample(x, y, 0, px[o] & 0xff);
        } else {
          img.setRGB(x, y, ((px[o] & 0xff) << 16) | ((px[o + 1] & 0xff) << 8) | (px[o + 2] & 0xff));
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] resource(String name) {
    try (InputStream in = VisualSearchServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
