package dev.live.procedure;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One procedure class as the schema registry lists it: its class literal, the constructor
 * reference of its generated dispatcher, and its procedures. The server matches a service
 * object given by the application to its group with {@link #bind}.
 */
public record ProcedureGroup<S>(
    Class<S> service,
    Function<S, ? extends ProcedureDispatcher> dispatcherFactory,
    List<ProcedureDescriptor<?, ?>> procedures) {

  public ProcedureGroup {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(dispatcherFactory, "dispatcherFactory");
    procedures = List.copyOf(procedures);
  }

  /** A dispatcher over {@code instance}, when it is an instance of this group's class. */
  public Optional<ProcedureDispatcher> bind(Object instance) {
    if (!service.isInstance(instance)) {
      return Optional.empty();
    }
    return Optional.of(dispatcherFactory.apply(service.cast(instance)));
  }
}
