package dev.prism.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;

/**
 * Maps a list on the common pool a few windows ahead of the caller and hands the results out in
 * order: the caller's sequential work (writing rows on one connection, the worst-case fold of
 * scoring) then overlaps with computing the next items instead of waiting for them. A failure is
 * thrown when the caller reaches its item, so the first failing item in order is the one reported,
 * as when mapping one by one.
 */
public final class AheadInOrder<T, R> implements Iterator<R> {
  /** Items per task: large enough to amortise a task, small enough to keep little in memory. */
  static final int WINDOW = 256;

  /** Windows computed (or being computed) beyond the one handed out. */
  static final int AHEAD = 2;

  private final List<T> items;
  private final Function<T, R> fn;
  private final Deque<CompletableFuture<List<Result<R>>>> windows = new ArrayDeque<>();
  private int nextWindowStart;
  private List<Result<R>> current = List.of();
  private int position;

  private AheadInOrder(List<T> items, Function<T, R> fn) {
    this.items = items;
    this.fn = fn;
    for (int i = 0; i <= AHEAD; i++) {
      submitNext();
    }
  }

  /** Starts mapping {@code items} with {@code fn}, which must be thread-safe. */
  public static <T, R> AheadInOrder<T, R> map(List<T> items, Function<T, R> fn) {
    return new AheadInOrder<>(items, fn);
  }

  /** A value or what computing it threw. */
  private record Result<R>(R value, RuntimeException failure) {}

  private void submitNext() {
    if (nextWindowStart >= items.size()) {
      return;
    }
    List<T> window =
        items.subList(nextWindowStart, Math.min(items.size(), nextWindowStart + WINDOW));
    nextWindowStart += window.size();
    windows.add(
        CompletableFuture.supplyAsync(
            () -> window.parallelStream().map(this::compute).toList(), ForkJoinPool.commonPool()));
  }

  private Result<R> compute(T item) {
    try {
      return new Result<>(fn.apply(item), null);
    } catch (RuntimeException e) {
      return new Result<>(null, e);
    }
  }

  @Override
  public boolean hasNext() {
    return position < current.size() || !windows.isEmpty();
  }

  @Override
  public R next() {
    if (position == current.size()) {
      if (windows.isEmpty()) {
        throw new NoSuchElementException();
      }
      try {
        current = windows.removeFirst().join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
      position = 0;
      submitNext();
    }
    Result<R> result = current.get(position++);
    if (result.failure() != null) {
      windows.forEach(w -> w.cancel(false));
      windows.clear();
      throw result.failure();
    }
    return result.value();
  }
}
