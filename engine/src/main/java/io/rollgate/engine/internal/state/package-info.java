/**
 * The engine's state: plain records owned by the single processor thread. Nothing outside the
 * processor may read or write them; HTTP reads are answered through queries run on that thread.
 */
package io.rollgate.engine.internal.state;
