package io.rollgate.engine.http;

import io.rollgate.engine.processor.CommandProcessor;

/** The search endpoints. */
final class SearchRoutes {
  private SearchRoutes() {}

  static void register(Router router, CommandProcessor processor) {}
}
