package dev.reproject.lifecycle.retire;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link ConsumerGroups} as a map of group to members, for unit tests; {@link #leaving} gives the members a group
 * shows at each look, as live updaters that stop one after the other.
 */
final class MapGroups implements ConsumerGroups {

    final Map<String, Integer> members = new TreeMap<>();
    private final Map<String, Deque<Integer>> looks = new TreeMap<>();

    MapGroups with(String group, int count) {
        members.put(group, count);
        return this;
    }

    /** The group shows these counts at the next looks, then stays at the last. */
    MapGroups leaving(String group, Integer... counts) {
        looks.put(group, new ArrayDeque<>(List.of(counts)));
        members.put(group, counts[0]);
        return this;
    }

    @Override
    public int members(String group) {
        Deque<Integer> next = looks.get(group);
        if (next != null && !next.isEmpty()) {
            members.put(group, next.poll());
        }
        return members.getOrDefault(group, 0);
    }

    @Override
    public boolean delete(String group) {
        Integer count = members.get(group);
        if (count == null) {
            return false;
        }
        if (count > 0) {
            throw new IllegalStateException("consumer group " + group + " has active members");
        }
        members.remove(group);
        return true;
    }
}
