package dev.reproject.orderhistory.view;

/** A payload lacks or mistypes something the view needs; the message names the field and what was wrong. */
final class InvalidPayloadException extends Exception {

    InvalidPayloadException(String detail) {
        super(detail, null, false, false); // an expected outcome for bad input: no stack trace to fill
    }
}
