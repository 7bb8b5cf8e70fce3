package dev.reproject.core.view;

import dev.reproject.core.error.NotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds view definitions on the class path. */
public final class Views {

    private Views() {
    }

    public static ViewDefinition byName(String name) {
        List<String> known = new ArrayList<>();
        for (ViewDefinition view : ServiceLoader.load(ViewDefinition.class)) {
            if (view.name().equals(name)) {
                return view;
            }
            known.add(view.name());
        }
        throw new NotFoundException("no view named '" + name + "' on the class path (found: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
    }
}
