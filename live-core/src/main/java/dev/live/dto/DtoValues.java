package dev.live.dto;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import java.util.List;

/** Checks and copies of values that generated DTOs take from callers. */
public final class DtoValues {
  private DtoValues() {}

  /**
   * An unmodifiable copy of {@code list} (null stays null), so a DTO does not change when the
   * caller's list does. Lists in Live values hold no nulls; one is refused naming its index.
   */
  public static <E> List<E> copyList(List<E> list, String type, String field) {
    if (list == null) {
      return null;
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        throw new LiveException(ErrorCode.NULL_NOT_ALLOWED,
            type + "." + field + "[" + i + "] is null; lists in Live values hold no nulls");
      }
    }
    return List.copyOf(list);
  }
}
