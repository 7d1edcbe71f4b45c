package io.rollgate.engine.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.rollgate.engine.internal.api.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a route's answer on its connection: JSON or text with its length, keep-alive (with the
 * {@code Keep-Alive} timeout clients should honour) or close, and takes back what an answer handed
 * over when the connection is gone before it goes out.
 */
final class ResponseWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseWriter.class);

  private final String keepAliveHeader;

  /**
   * @param idleTimeout how long the engine keeps an idle connection open
   */
  ResponseWriter(Duration idleTimeout) {
    long idleSeconds = idleTimeout.toSeconds();
    this.keepAliveHeader =
        idleSeconds < 2
            ? null
            : "timeout=" + (idleSeconds > 10 ? idleSeconds - 5 : idleSeconds - 1);
  }

  void write(ChannelHandlerContext ctx, Response response, boolean keepAlive) {
    write(ctx, response, keepAlive, null);
  }

  void write(ChannelHandlerContext ctx, Response response, boolean keepAlive, String challenge) {
    FullHttpResponse http = encode(response);
    if (challenge != null) {
      http.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
    }
    io.netty.channel.ChannelFuture written;
    if (keepAlive) {
      http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      if (keepAliveHeader != null) {
        // clients that honour it drop the connection before the engine closes it as idle
        http.headers().set("Keep-Alive", keepAliveHeader);
      }
      written = ctx.writeAndFlush(http);
    } else {
      written = ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
    }
    Runnable undelivered = response.undelivered();
    if (undelivered != null) {
      // A connection closed before the answer went out: whatever it handed over is taken back.
      written.addListener(
          f -> {
            if (!f.isSuccess()) {
              undelivered.run();
            }
          });
    }
  }

  static FullHttpResponse encode(Response response) {
    FullHttpResponse http;
    try {
      byte[] bytes =
          response.body() == null
              ? new byte[0]
              : response.body() instanceof String text
                  ? text.getBytes(StandardCharsets.UTF_8)
                  : Json.MAPPER.writeValueAsBytes(response.body());
      http =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.valueOf(response.status()),
              Unpooled.wrappedBuffer(bytes));
      if (response.contentType() != null) {
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
      }
      http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    } catch (JsonProcessingException e) {
      LOG.error("cannot encode a response", e);
      http =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.INTERNAL_SERVER_ERROR);
      http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    }
    return http;
  }
}
