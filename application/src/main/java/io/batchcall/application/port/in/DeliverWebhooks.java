package io.batchcall.application.port.in;

/** One pass of the webhook deliverer: sends what is due, records the outcomes. */
public interface DeliverWebhooks {

    /** @return how many deliveries were tried in this pass (0: nothing was due) */
    int deliverDue();
}
