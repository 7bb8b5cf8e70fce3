package dev.reproject.core.view;

import dev.reproject.core.error.NotFoundException;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds view definitions on the class path. Views are stateless, so each is looked up once per class
 * loader: a Spark job asks for its view in every task, and scanning a large class path each time is slow.
 */
public final class Views {

    private static final Map<ClassLoader, Map<String, ViewDefinition>> FOUND = new ConcurrentHashMap<>();

    private Views() {
    }

    public static ViewDefinition byName(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Map<String, ViewDefinition> views = FOUND.computeIfAbsent(
                loader == null ? Views.class.getClassLoader() : loader,
                Views::load);
        ViewDefinition view = views.get(name);
        if (view == null) {
            throw new NotFoundException("no view named '" + name + "' on the class path (found: "
                    + (views.isEmpty() ? "none" : String.join(", ", views.keySet())) + ")");
        }
        return view;
    }

    private static Map<String, ViewDefinition> load(ClassLoader loader) {
        Map<String, ViewDefinition> views = new TreeMap<>();
        for (ViewDefinition view : ServiceLoader.load(ViewDefinition.class, loader)) {
            views.putIfAbsent(view.name(), view);
        }
        return views;
    }
}
