package dev.reproject.orderhistory.view;

/** An order's {@code orderStatus} in the view: FTGO's {@code OrderState} values that the view's events set. */
public enum OrderStatus {
    /** created, waiting for the consumer's card to be authorized */
    APPROVAL_PENDING,
    APPROVED,
    REJECTED,
    CANCELLED
}
