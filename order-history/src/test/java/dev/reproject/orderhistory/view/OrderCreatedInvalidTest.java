package dev.reproject.orderhistory.view;

import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.event.SourcePosition;
import dev.reproject.core.view.ViewResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static dev.reproject.orderhistory.view.TestEvents.CREATED;
import static dev.reproject.orderhistory.view.TestEvents.EXAMPLE_PAYLOAD;
import static dev.reproject.orderhistory.view.TestEvents.ID;
import static dev.reproject.orderhistory.view.TestEvents.ORDER;
import static dev.reproject.orderhistory.view.TestEvents.ORDER_ID;
import static dev.reproject.orderhistory.view.TestEvents.event;
import static dev.reproject.orderhistory.view.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

/** An OrderCreatedEvent whose payload lacks or mistypes what the view needs is {@code invalid-event}, named. */
class OrderCreatedInvalidTest {

    private final OrderHistoryView view = new OrderHistoryView();

    /** Payloads in single-quoted JSON; the expected detail as the user reads it. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{}"
                    + "| orderDetails is missing",
            "{'orderDetails':null,'restaurantName':'Ajanta'}"
                    + "| orderDetails is null, not an object",
            "{'orderDetails':[1],'restaurantName':'Ajanta'}"
                    + "| orderDetails is [1], not an object",
            "{'orderDetails':{'lineItems':[],'orderTotal':'0.00','restaurantId':1},'restaurantName':'A'}"
                    + "| orderDetails.consumerId is missing",
            "{'orderDetails':{'lineItems':[],'orderTotal':'0.00','restaurantId':1,'consumerId':15.5},'restaurantName':'A'}"
                    + "| orderDetails.consumerId is 15.5, not a whole number",
            "{'orderDetails':{'lineItems':[],'orderTotal':'0.00','restaurantId':1,'consumerId':'15a'},'restaurantName':'A'}"
                    + "| orderDetails.consumerId is \"15a\", not a whole number",
            "{'orderDetails':{'lineItems':[],'orderTotal':'0.00','restaurantId':1,'consumerId':true},'restaurantName':'A'}"
                    + "| orderDetails.consumerId is true, not a whole number",
            "{'orderDetails':{'lineItems':[],'orderTotal':'0.00','restaurantId':1,'consumerId':null},'restaurantName':'A'}"
                    + "| orderDetails.consumerId is null, not a whole number",
            "{'orderDetails':{'lineItems':[],'orderTotal':'0.00','restaurantId':1,'consumerId':9223372036854775808},'restaurantName':'A'}"
                    + "| orderDetails.consumerId is 9223372036854775808, outside -9223372036854775808..9223372036854775807",
            "{'orderDetails':{'orderTotal':'0.00','restaurantId':1,'consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.lineItems is missing",
            "{'orderDetails':{'lineItems':{},'orderTotal':'0.00','restaurantId':1,'consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.lineItems is {}, not an array",
            "{'orderDetails':{'lineItems':[5],'orderTotal':'0.00','restaurantId':1,'consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.lineItems[0] is 5, not an object",
            "{'orderDetails':{'lineItems':[{'quantity':5,'name':'Chicken Vindaloo','price':'12.34'}],'orderTotal':'61.70','restaurantId':1,'consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.lineItems[0].menuItemId is missing",
            "{'orderDetails':{'lineItems':[{'quantity':5,'menuItemId':1,'name':'Chicken Vindaloo','price':'12.34'}],'orderTotal':'61.70','restaurantId':1,'consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.lineItems[0].menuItemId is 1, not a string",
            "{'orderDetails':{'lineItems':[{'quantity':5,'menuItemId':'1','price':'12.34'}],'orderTotal':'61.70','restaurantId':1,'consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.lineItems[0].name is missing",
            "{'orderDetails':{'lineItems':[{'quantity':5,'menuItemId':'1','name':['Chicken'],'price':'12.34'}],'orderTotal':'61.70','restaurantId':1,'consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.lineItems[0].name is [\"Chicken\"], not a string",
            "{'orderDetails':{'lineItems':[{'quantity':5,'menuItemId':'1','name':'Chicken Vindaloo'}],'orderTotal':'61.70','restaurantId':1,'consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.lineItems[0].price is missing",
            "{'orderDetails':{'lineItems':[{'quantity':5,'menuItemId':'1','name':'Chicken Vindaloo','price':'12,34'}],'orderTotal':'61.70','restaurantId':1,'consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.lineItems[0].price is \"12,34\", not an amount such as \"12.34\"",
            "{'orderDetails':{'lineItems':[{'quantity':5,'menuItemId':'1','name':'Chicken Vindaloo','price':{'amount':12.34}}],'orderTotal':'61.70','restaurantId':1,'consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.lineItems[0].price is {\"amount\":12.34}, not an amount such as \"12.34\"",
            "{'orderDetails':{'lineItems':[{'quantity':5,'menuItemId':'1','name':'Chicken Vindaloo','price':1E+200}],'orderTotal':'61.70','restaurantId':1,'consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.lineItems[0].price is 1E+200, not an amount of money",
            "{'orderDetails':{'lineItems':[{'menuItemId':'1','name':'Chicken Vindaloo','price':'12.34'}],'orderTotal':'61.70','restaurantId':1,'consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.lineItems[0].quantity is missing",
            "{'orderDetails':{'lineItems':[{'quantity':1,'menuItemId':'1','name':'a','price':'1.00'},{'quantity':1,'menuItemId':'2','name':'b','price':'1.00'},{'quantity':'five','menuItemId':'3','name':'c','price':'1.00'}],'orderTotal':'3.00','restaurantId':1,'consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.lineItems[2].quantity is \"five\", not a whole number",
            "{'orderDetails':{'lineItems':[{'quantity':2.5,'menuItemId':'1','name':'Chicken Vindaloo','price':'12.34'}],'orderTotal':'61.70','restaurantId':1,'consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.lineItems[0].quantity is 2.5, not a whole number",
            "{'orderDetails':{'lineItems':[{'quantity':3000000000,'menuItemId':'1','name':'Chicken Vindaloo','price':'12.34'}],'orderTotal':'61.70','restaurantId':1,'consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.lineItems[0].quantity is 3000000000, outside -2147483648..2147483647",
            "{'orderDetails':{'lineItems':[],'restaurantId':1,'consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.orderTotal is missing",
            "{'orderDetails':{'lineItems':[],'orderTotal':61.7E,'restaurantId':1,'consumerId':7},'restaurantName':'A'}"
                    + "| ~payload is not JSON: ",
            "{'orderDetails':{'lineItems':[],'orderTotal':true,'restaurantId':1,'consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.orderTotal is true, not an amount such as \"12.34\"",
            "{'orderDetails':{'lineItems':[],'orderTotal':'0.00','consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.restaurantId is missing",
            "{'orderDetails':{'lineItems':[],'orderTotal':'0.00','restaurantId':'Ajanta','consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.restaurantId is \"Ajanta\", not a whole number",
            "{'orderDetails':{'lineItems':[],'orderTotal':'0.00','restaurantId':1.5,'consumerId':7},'restaurantName':'A'}"
                    + "| orderDetails.restaurantId is 1.5, not a whole number",
            "{'orderDetails':{'lineItems':[],'orderTotal':'0.00','restaurantId':1,'consumerId':7}}"
                    + "| restaurantName is missing",
            "{'orderDetails':{'lineItems':[],'orderTotal':'0.00','restaurantId':1,'consumerId':7},'restaurantName':42}"
                    + "| restaurantName is 42, not a string",
            "{'orderDetails':{'lineItems':[],'orderTotal':'0.00','restaurantId':1,'consumerId':7},'restaurantName':null}"
                    + "| restaurantName is null, not a string",
            "{'orderDetails':{'lineItems':[],'orderTotal':'0.00','restaurantId':1,'consumerId':7},'restaurantName':['Ajanta','Ajanta','Ajanta','Ajanta','Ajanta','Ajanta','Ajanta']}"
                    + "| restaurantName is [\"Ajanta\",\"Ajanta\",\"Ajanta\",\"Ajanta\",\"Ajanta\",\"Ajanta\",\"Ajan…, not a string",
            "[1,2]"
                    + "| payload is a JSON array, not a JSON object",
            "'Ajanta'"
                    + "| payload is a JSON string, not a JSON object",
            "` `"
                    + "| payload is empty, not a JSON object",
            "not json"
                    + "| ~payload is not JSON: ",
            "{'orderDetails':{}} {}"
                    + "| ~payload is not JSON: "})
    void payloadLackingOrMistypingAFieldIsInvalid(String payload, String detail) {
        ViewResult result = view.update(event(CREATED, json(payload)));

        assertThat(result).isInstanceOf(ViewResult.Invalid.class);
        String actual = ((ViewResult.Invalid) result).detail();
        if (detail.startsWith("~")) {
            assertThat(actual).startsWith(detail.substring(1));
        } else {
            assertThat(actual).isEqualTo(detail);
        }
    }

    @Test
    void everyCutOfTheExamplePayloadIsInvalidNeverAnException() {
        for (int end = 0; end < EXAMPLE_PAYLOAD.length(); end++) {
            String cut = EXAMPLE_PAYLOAD.substring(0, end);
            assertThat(view.update(event(CREATED, cut))).as(cut).isInstanceOf(ViewResult.Invalid.class);
        }
    }

    @Test
    void anEventTimeBeyondEpochMillisecondsIsInvalidNotAnException() {
        DomainEvent event = new DomainEvent(ID, CREATED, ORDER, ORDER_ID, Instant.MAX, EXAMPLE_PAYLOAD,
                SourcePosition.of(ORDER, 0, 0));
        assertThat(view.update(event)).isEqualTo(new ViewResult.Invalid(
                "event time +1000000000-12-31T23:59:59.999999999Z is beyond epoch milliseconds"));
    }
}
