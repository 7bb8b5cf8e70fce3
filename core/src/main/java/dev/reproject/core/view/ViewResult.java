package dev.reproject.core.view;

import dev.reproject.core.item.Update;

/** What a view makes of one event. */
public sealed interface ViewResult {

    /** The event changes the view. */
    record Handled(Update update) implements ViewResult {
    }

    /** An event type the view does not handle: skipped and counted, not rejected. */
    record Unhandled() implements ViewResult {
    }

    /** A handled type whose payload lacks or mistypes something the view needs: {@code invalid-event}. */
    record Invalid(String detail) implements ViewResult {
    }

    ViewResult UNHANDLED = new Unhandled();
}
