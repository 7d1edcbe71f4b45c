package io.rollgate.engine.internal.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.rollgate.engine.internal.processor.CommandProcessor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
  static final Set<String> OPEN = Set.of("/v2/status", "/actuator/health");

  /** How many bytes of request bodies may wait for their answer by default: 256 MiB. */
  public static final long DEFAULT_MAX_QUEUED_BYTES = 256L * 1024 * 1024;

  /**
   * Bytes of the bodies of requests taken but not answered yet. Together with the processor's queue
   * bound it bounds the memory a flood can pin: a request that would pass this bound is answered at
   * once with 503 RESOURCE_EXHAUSTED, like a full queue.
   */
  private final AtomicLong queuedBytes = new AtomicLong();

  private final AtomicLong peakQueuedBytes = new AtomicLong();
  private final long maxQueuedBytes;

  private final EventLoopGroup boss = new NioEventLoopGroup(1);
  private final EventLoopGroup workers = new NioEventLoopGroup(2);
  private final Router router;
  private final Authenticator authenticator;
  private final Channel channel;
  private final HttpOptions options;
  private final RequestChecks checks;
  private final ResponseWriter writer;

  /** Open connections and their guards, to bound them and evict idle ones. */
  private final ConcurrentHashMap<Channel, Guard> connections = new ConcurrentHashMap<>();

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
    this(host, port, processor, authenticator, HttpOptions.defaults(), DEFAULT_MAX_QUEUED_BYTES);
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
    this(host, port, processor, authenticator, HttpOptions.defaults(), maxQueuedBytes);
  }

  /**
   * Like {@link #RestServer(String, int, CommandProcessor, Authenticator, long)}, with the
   * connection and request limits and the host names to accept.
   *
   * @throws IOException when the port cannot be bound
   */
  public RestServer(
      String host,
      int port,
      CommandProcessor processor,
      Authenticator authenticator,
      HttpOptions options,
      long maxQueuedBytes)
      throws IOException {
    if (maxQueuedBytes < 1) {
      throw new IllegalArgumentException(
          "maxQueuedBytes must be at least 1, was " + maxQueuedBytes);
    }
    this.maxQueuedBytes = maxQueuedBytes;
    this.router = Routes.build(processor, this::port);
    this.authenticator = authenticator;
    this.options = options;
    this.checks = new RequestChecks(host, options);
    this.writer = new ResponseWriter(options.idleTimeout());
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
                      if (!admit(ch)) {
                        ch.close();
                        return;
                      }
                      Guard guard = new Guard();
                      connections.put(ch, guard);
                      ch.closeFuture().addListener(f -> connections.remove(ch));
                      ch.pipeline()
                          .addLast(guard)
                          .addLast(
                              new io.netty.handler.timeout.IdleStateHandler(
                                  0, 0, options.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                          .addLast(new HttpServerCodec())
                          .addLast(new Aggregator(guard))
                          .addLast(new Handler(guard));
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

  /**
   * Room for a new connection: below the limit, or after closing the connection idle the longest.
   * With every connection busy the new one is refused.
   */
  private boolean admit(Channel incoming) {
    if (connections.size() < options.maxConnections()) {
      return true;
    }
    Map.Entry<Channel, Guard> idlest = null;
    for (Map.Entry<Channel, Guard> entry : connections.entrySet()) {
      Guard guard = entry.getValue();
      if (guard.inFlight.get() == 0
          && (idlest == null || guard.lastActivity < idlest.getValue().lastActivity)) {
        idlest = entry;
      }
    }
    if (idlest == null) {
      LOG.warn(
          "connection from {} refused: all {} connections have a request in progress",
          incoming.remoteAddress(),
          connections.size());
      return false;
    }
    connections.remove(idlest.getKey());
    idlest.getKey().close();
    return true;
  }

  /**
   * First in each connection's pipeline: notes traffic, and gives a request that started arriving
   * {@link HttpOptions#requestReadTimeout()} to arrive completely.
   */
  private final class Guard extends io.netty.channel.ChannelInboundHandlerAdapter {
    final AtomicInteger inFlight = new AtomicInteger();
    volatile long lastActivity = System.nanoTime();
    private io.netty.util.concurrent.ScheduledFuture<?> readTimer;

    /** The rest of an oversized body is being dropped: its bytes start no request. */
    boolean discarding;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      lastActivity = System.nanoTime();
      if (readTimer == null && !discarding) {
        readTimer =
            ctx.executor()
                .schedule(
                    () -> {
                      // written from the end of the pipeline, through the HTTP encoder
                      writer.write(
                          ctx.pipeline().context(Handler.class),
                          Response.problem(
                              408,
                              "REQUEST_TIMEOUT",
                              "The request did not arrive completely within "
                                  + options.requestReadTimeout().toSeconds()
                                  + " s.",
                              ""),
                          false);
                    },
                    options.requestReadTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
      }
      ctx.fireChannelRead(msg);
    }

    /** Whether a request has started arriving and is not complete yet. */
    boolean receiving() {
      return readTimer != null;
    }

    /** A whole request arrived: the next one gets its own time. */
    void requestArrived() {
      lastActivity = System.nanoTime();
      if (readTimer != null) {
        readTimer.cancel(false);
        readTimer = null;
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      if (readTimer != null) {
        readTimer.cancel(false);
      }
      super.channelInactive(ctx);
    }
  }

  /** Answers a body over the limit with a problem document instead of Netty's empty 413. */
  private final class Aggregator extends HttpObjectAggregator {
    private final Guard guard;

    Aggregator(Guard guard) {
      // a client refused before it sent the body is disconnected rather than trusted to hold it
      super(options.maxRequestBytes(), true);
      this.guard = guard;
    }

    @Override
    protected boolean isContentLengthInvalid(
        io.netty.handler.codec.http.HttpMessage start, int max) {
      return super.isContentLengthInvalid(start, isJson(start) ? options.maxJsonBytes() : max);
    }

    /** A client that waits for {@code 100 Continue} (curl does above 1 MiB) gets the problem. */
    @Override
    protected Object newContinueResponse(
        io.netty.handler.codec.http.HttpMessage start,
        int max,
        io.netty.channel.ChannelPipeline pipeline) {
      if (HttpUtil.is100ContinueExpected(start) && isContentLengthInvalid(start, max)) {
        FullHttpResponse refused = ResponseWriter.encode(checks.tooLarge(isJson(start)));
        refused.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return refused;
      }
      return super.newContinueResponse(start, max, pipeline);
    }

    @Override
    protected void handleOversizedMessage(
        ChannelHandlerContext ctx, io.netty.handler.codec.http.HttpMessage oversized) {
      // The rest of the body is read and dropped, so that the client, still sending, gets to read
      // the answer; a client that asked not to keep the connection is disconnected after it.
      boolean keepAlive =
          !(oversized instanceof io.netty.handler.codec.http.FullHttpMessage)
              && HttpUtil.isKeepAlive(oversized);
      guard.requestArrived();
      guard.discarding = keepAlive;
      writer.write(ctx, checks.tooLarge(isJson(oversized)), keepAlive);
    }

    @Override
    protected void decode(
        ChannelHandlerContext ctx, io.netty.handler.codec.http.HttpObject message, List<Object> out)
        throws Exception {
      super.decode(ctx, message, out);
      if (guard.discarding && message instanceof io.netty.handler.codec.http.LastHttpContent) {
        guard.discarding = false;
      }
    }

    private boolean isJson(io.netty.handler.codec.http.HttpMessage message) {
      return RequestChecks.isJsonType(message.headers().get(HttpHeaderNames.CONTENT_TYPE));
    }
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

    private final Guard guard;

    Handler(Guard guard) {
      this.guard = guard;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
      if (event instanceof io.netty.handler.timeout.IdleStateEvent
          && guard.inFlight.get() == 0
          && !guard.receiving()) {
        ctx.close();
        return;
      }
      super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      closed.complete(null);
      super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
      guard.requestArrived();
      String path = new QueryStringDecoder(http.uri()).path();
      boolean keepAlive = HttpUtil.isKeepAlive(http);
      if (!http.decoderResult().isSuccess()) {
        writer.write(
            ctx,
            Response.problem(400, "INVALID_ARGUMENT", "The HTTP request is malformed.", path),
            false);
        return;
      }
      String method = http.method().name();
      Response refused = checks.refusal(http, method, path);
      if (refused != null) {
        writer.write(ctx, refused, keepAlive && refused.status() != 413);
        return;
      }
      if (!OPEN.contains(path)
          && !authenticator.accepts(http.headers().get(HttpHeaderNames.AUTHORIZATION))) {
        writer.write(
            ctx,
            Response.problem(
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
        writer.write(
            ctx,
            Response.problem(
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
      guard.inFlight.incrementAndGet();
      answer
          .handleAsync(
              (response, failure) ->
                  response != null ? response : Failures.of(failure, method, path),
              ctx.executor())
          .thenAccept(
              response -> {
                guard.inFlight.decrementAndGet();
                guard.lastActivity = System.nanoTime();
                writer.write(ctx, response, keepAlive);
              })
          .whenComplete((done, failure) -> queuedBytes.addAndGet(-size));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (cause instanceof TooLongFrameException) {
        writer.write(ctx, checks.tooLarge(false), false);
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
          Response.problem(
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

  /** Stops accepting connections and closes the open ones. */
  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    shutdownGroups();
  }

  private void shutdownGroups() {
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
