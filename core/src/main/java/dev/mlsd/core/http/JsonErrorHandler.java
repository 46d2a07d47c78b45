package dev.mlsd.core.http;

import dev.mlsd.core.monitoring.ServingMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty produces itself, before a request reaches {@link JsonServer}'s routes (a
 * malformed request line, bad percent-encoding, 431 for oversized headers, a TLS handshake sent to
 * the plain port), written as {@code {"error": "one-line reason"}} like every other error, and
 * counted on {@code /metrics} under the endpoint {@code "invalid"}.
 *
 * <p>Thread safety: stateless apart from the thread-safe metrics.
 */
final class JsonErrorHandler extends ErrorHandler {
  private final ServingMetrics metrics;

  JsonErrorHandler(ServingMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = request.getAttribute(ERROR_STATUS) instanceof Integer s ? s : response.getStatus();
    if (status < 400) {
      status = 500;
    }
    Object message = request.getAttribute(ERROR_MESSAGE);
    byte[] body = body(status, message == null ? null : message.toString());
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    if (!(request.getAttribute(ERROR_EXCEPTION) instanceof java.io.IOException)) {
      // an I/O failure is the connection ending (the request was counted when it was answered)
      metrics.countRequest("invalid", status);
    }
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    metrics.countRequest("invalid", status);
    if (HttpStatus.hasNoBody(status)) {
      return ByteBuffer.allocate(0);
    }
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(status, reason));
  }

  private static byte[] body(int status, String reason) {
    String text = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
    try {
      return Json.mapper().writeValueAsBytes(Map.of("error", Json.oneLine(text)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return "{\"error\":\"bad request\"}".getBytes(StandardCharsets.UTF_8);
    }
  }
}
