package dev.reproject.live;

import dev.reproject.core.item.Update;

/** An update waiting to be written, with the record it came from (for its dead letter, if refused). */
record Pending(Update update, LiveRecord record) {
}
