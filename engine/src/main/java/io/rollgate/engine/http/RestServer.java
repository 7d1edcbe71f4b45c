package io.rollgate.engine.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.rollgate.engine.api.Json;
import io.rollgate.engine.processor.CommandProcessor;
import io.rollgate.engine.processor.EngineException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the engine (Netty, HTTP/1.1 with keep-alive): decodes requests, hands them to
 * the {@link CommandProcessor} and writes its answers when they come. No thread waits for an
 * answer, so long-polling job activations and awaited instances cost no threads.
 */
public final class RestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

  /**
   * Endpoints served without credentials: the health checks a load balancer or an orchestrator
   * probes. Everything else, the actuator's clock and purge included, needs them when
   * authentication is on.
   */
  static final java.util.Set<String> OPEN = java.util.Set.of("/v2/status", "/actuator/health");

  /** Upper bound of a request body: deployments of large models included. */
  private static final int MAX_BODY = 16 * 1024 * 1024;

  /** How many bytes of request bodies may wait for their answer by default: 256 MiB. */
  public static final long DEFAULT_MAX_QUEUED_BYTES = 256L * 1024 * 1024;

  /**
   * Bytes of the bodies of requests taken but not answered yet. Together with the processor's queue
   * bound it bounds the memory a flood can pin: a request that would pass this bound is answered at
   * once with 503 RESOURCE_EXHAUSTED, like a full queue.
   */
  private final java.util.concurrent.atomic.AtomicLong queuedBytes =
      new java.util.concurrent.atomic.AtomicLong();

  private final java.util.concurrent.atomic.AtomicLong peakQueuedBytes =
      new java.util.concurrent.atomic.AtomicLong();
  private final long maxQueuedBytes;

  private final EventLoopGroup boss = new NioEventLoopGroup(1);
  private final EventLoopGroup workers = new NioEventLoopGroup(2);
  private final Router router;
  private final Authenticator authenticator;
  private final Channel channel;

  /**
   * Binds to the address and port (0 picks a free one) and starts serving.
   *
   * @throws IOException when the port cannot be bound
   */
  public RestServer(String host, int port, CommandProcessor processor) throws IOException {
    this(host, port, processor, Authenticator.none());
  }

  /**
   * Binds to the address and port (0 picks a free one) and starts serving requests that the
   * authenticator accepts; {@link #OPEN} endpoints are served to anyone.
   *
   * @throws IOException when the port cannot be bound
   */
  public RestServer(String host, int port, CommandProcessor processor, Authenticator authenticator)
      throws IOException {
    this(host, port, processor, authenticator, DEFAULT_MAX_QUEUED_BYTES);
  }

  /**
   * Like {@link #RestServer(String, int, CommandProcessor, Authenticator)}, with a bound on the
   * bytes of request bodies waiting for their answer: past it, a request is answered at once with
   * {@code 503 RESOURCE_EXHAUSTED}. A single request is always taken when nothing else waits.
   *
   * @throws IOException when the port cannot be bound
   */
  public RestServer(
      String host,
      int port,
      CommandProcessor processor,
      Authenticator authenticator,
      long maxQueuedBytes)
      throws IOException {
    if (maxQueuedBytes < 1) {
      throw new IllegalArgumentException(
          "maxQueuedBytes must be at least 1, was " + maxQueuedBytes);
    }
    this.maxQueuedBytes = maxQueuedBytes;
    this.router = Routes.build(processor, this::port);
    this.authenticator = authenticator;
    try {
      this.channel =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 1024)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new HttpObjectAggregator(MAX_BODY))
                          .addLast(new Handler());
                    }
                  })
              .bind(new InetSocketAddress(host, port))
              .sync()
              .channel();
    } catch (Exception e) {
      shutdownGroups();
      throw new IOException("cannot bind " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  /** The bound port. */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** The most request body bytes that waited for their answers at one time. */
  long peakQueuedBytes() {
    return peakQueuedBytes.get();
  }

  /** Takes a request body into the bytes waiting, or refuses it when they would pass the bound. */
  private boolean takeQueuedBytes(int size) {
    long after = queuedBytes.addAndGet(size);
    if (after > maxQueuedBytes && after != size) {
      queuedBytes.addAndGet(-size);
      return false;
    }
    peakQueuedBytes.accumulateAndGet(after, Math::max);
    return true;
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** Completes when the connection closes: a request still waiting then has no one to answer. */
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      closed.complete(null);
      super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
      String path = new QueryStringDecoder(http.uri()).path();
      boolean keepAlive = HttpUtil.isKeepAlive(http);
      if (!http.decoderResult().isSuccess()) {
        write(ctx, problem(400, "INVALID_ARGUMENT", "The HTTP request is malformed.", path), false);
        return;
      }
      String method = http.method().name();
      if (!OPEN.contains(path)
          && !authenticator.accepts(http.headers().get(HttpHeaderNames.AUTHORIZATION))) {
        write(
            ctx,
            problem(
                401,
                "UNAUTHORIZED",
                "The request carries no valid credentials; send the engine's basic credentials or"
                    + " bearer token in the Authorization header.",
                path),
            keepAlive,
            authenticator.challenge());
        return;
      }
      int size = http.content().readableBytes();
      if (!takeQueuedBytes(size)) {
        write(
            ctx,
            problem(
                503,
                "RESOURCE_EXHAUSTED",
                "The engine holds "
                    + maxQueuedBytes
                    + " bytes of requests waiting and takes no more for now; retry after a short"
                    + " back-off.",
                path),
            keepAlive);
        return;
      }
      CompletableFuture<Response> answer;
      try {
        answer = route(method, path, http, closed);
      } catch (Exception e) {
        answer = CompletableFuture.failedFuture(e);
      }
      // Encode and write on the connection's event loop, never on the processor thread.
      answer
          .handleAsync(
              (response, failure) -> response != null ? response : toProblem(failure, method, path),
              ctx.executor())
          .thenAccept(response -> write(ctx, response, keepAlive))
          .whenComplete((done, failure) -> queuedBytes.addAndGet(-size));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (cause instanceof TooLongFrameException) {
        write(
            ctx,
            problem(413, "PAYLOAD_TOO_LARGE", "The request body is larger than 16 MiB.", ""),
            false);
        return;
      }
      LOG.debug("connection error", cause);
      ctx.close();
    }
  }

  private CompletableFuture<Response> route(
      String method, String path, FullHttpRequest http, CompletableFuture<Void> closed)
      throws Exception {
    Optional<Router.Match> match = router.match(method, path);
    if (match.isEmpty()) {
      return Routes.done(
          problem(
              404, "NOT_FOUND", "No endpoint " + method + " " + path + " on this engine.", path));
    }
    Request request =
        new Request(
            method,
            path,
            match.get().params(),
            http.headers().get(HttpHeaderNames.CONTENT_TYPE),
            ByteBufUtil.getBytes(http.content()),
            closed);
    return match.get().route().handle(request);
  }

  private static Response toProblem(Throwable failure, String method, String path) {
    Throwable e =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (e instanceof HttpError h) {
      return problem(h.status, h.title, h.getMessage(), path);
    }
    if (e instanceof EngineException engine) {
      return problem(engine.status(), engine.title(), engine.getMessage(), path);
    }
    if (e instanceof JsonProcessingException json) {
      return problem(400, "INVALID_ARGUMENT", describe(json), path);
    }
    if (e instanceof TimeoutException) {
      return problem(504, "DEADLINE_EXCEEDED", "The engine did not answer in time.", path);
    }
    LOG.error("request {} {} failed", method, path, e);
    return problem(500, "INTERNAL_ERROR", "The engine failed to serve the request: " + e, path);
  }

  private static Response problem(int status, String title, String detail, String path) {
    return new Response(
        status, Problem.of(status, title, detail, path), "application/problem+json");
  }

  private static void write(ChannelHandlerContext ctx, Response response, boolean keepAlive) {
    write(ctx, response, keepAlive, null);
  }

  private static void write(
      ChannelHandlerContext ctx, Response response, boolean keepAlive, String challenge) {
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
      if (challenge != null) {
        http.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
      }
    } catch (JsonProcessingException e) {
      LOG.error("cannot encode a response", e);
      http =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.INTERNAL_SERVER_ERROR);
      http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    }
    io.netty.channel.ChannelFuture written;
    if (keepAlive) {
      http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
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

  /** Jackson's complaint in words that say which property to change. */
  static String describe(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      String known =
          unknown.getKnownPropertyIds().stream()
              .map(String::valueOf)
              .sorted()
              .collect(Collectors.joining(", "));
      return "Unknown property '"
          + unknown.getPropertyName()
          + "' in the request body; expected one of: "
          + known
          + ".";
    }
    if (e instanceof InvalidFormatException invalid) {
      return "Property '"
          + path(invalid)
          + "' has an invalid value '"
          + invalid.getValue()
          + "'; expected "
          + invalid.getTargetType().getSimpleName()
          + ".";
    }
    if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      return "Property '"
          + path(mismatch)
          + "' has the wrong type; expected "
          + (mismatch.getTargetType() == null
              ? "another type"
              : describeType(mismatch.getTargetType()))
          + ".";
    }
    return "The request body is not valid JSON: " + e.getOriginalMessage();
  }

  private static String describeType(Class<?> type) {
    if (Map.class.isAssignableFrom(type)) {
      return "a JSON object";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a JSON array";
    }
    return type.getSimpleName();
  }

  private static String path(MismatchedInputException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  /** Stops accepting connections and closes the open ones. */
  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    shutdownGroups();
  }

  private void shutdownGroups() {
    boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }
}
