package io.github.checkmetrics.model.internal;

/**
 * The one set-once policy of checkmetrics builders, as Caffeine's {@code requireState}: each
 * option of a builder takes one value; a second call is a mistake (two parts of a program
 * configuring one thing differently), never a silent override, and fails with an {@link
 * IllegalStateException} naming the option and both values:
 *
 * <pre>{@code
 * namespace was already set to "a"; cannot set it to "b"
 * }</pre>
 *
 * <p>A builder keeps an unset option as {@code null} and applies its default in {@code build()}.
 * Not API (see the package). Thread-safe (stateless).
 */
public final class SetOnce {

  private SetOnce() {}

  /**
   * Gives an option its value, once.
   *
   * @param option the option's name as the builder spells it, such as {@code namespace}
   * @param current the option's value so far, {@code null} when unset
   * @param value the new value
   * @param <T> the option's type
   * @return {@code value}, for the builder to store
   * @throws IllegalStateException if {@code current} is not null
   */
  public static <T> T set(String option, Object current, T value) {
    if (current != null) {
      throw alreadySet(option, current, value);
    }
    return value;
  }

  /**
   * The refusal of a second value for an option, for builders whose "unset" is not {@code null}.
   *
   * @param option the option's name as the builder spells it
   * @param current the value it holds
   * @param value the value refused
   * @return the exception to throw: {@code <option> was already set to <current>; cannot set it to
   *     <value>}, values shown by {@link Messages#show(Object)}
   */
  public static IllegalStateException alreadySet(String option, Object current, Object value) {
    return new IllegalStateException(
        option
            + " was already set to "
            + Messages.show(current)
            + "; cannot set it to "
            + Messages.show(value));
  }
}
