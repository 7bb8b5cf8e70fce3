package dev.reproject.lifecycle.retire;

/** The live updaters' consumer groups, as {@code retire} sees them: {@link KafkaConsumerGroups}, a map in tests. */
public interface ConsumerGroups {

    /** The group's active members: live updaters of the rebuild still running (0 when there is no such group). */
    int members(String group);

    /**
     * Deletes the group and its committed offsets.
     *
     * @return whether there was a group to delete (false: it was gone already, or never made)
     * @throws IllegalStateException when the group has active members
     */
    boolean delete(String group);
}
