package dev.prism.core;

/**
 * A connection to one {@link Deployment}, made by {@link ModelAdapter#connect}. Must be safe for
 * concurrent calls from many threads.
 */
public interface ModelClient extends AutoCloseable {
  /**
   * Performs one call. Failures of the model or network are returned as a failed {@link
   * RequestResult} with an {@link ErrorKind}, never thrown.
   *
   * @throws InterruptedException when the calling thread is interrupted
   */
  RequestResult complete(RequestState state) throws InterruptedException;

  /**
   * Whether equal requests give interchangeable results, so that results may be served from the
   * request cache. Replayed predictions, which depend on the instance, are not cacheable.
   */
  default boolean cacheable() {
    return true;
  }

  @Override
  default void close() {}
}
