package io.batchcall.adapter.http;

import io.batchcall.adapter.http.edge.RequestFields;
import io.batchcall.adapter.http.edge.ApiMapper;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.StoredContactData;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.util.AbstractMap;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Contact data a store kept as JSON text reaches the reply as that text, never parsed and written again. */
class StoredContactDataTest {

    /** Stored data whose map view fails: any parse or copy of it would fail the test. */
    private static final class Unreadable extends AbstractMap<String, Object> implements StoredContactData {
        private final String json;

        Unreadable(String json) {
            this.json = json;
        }

        @Override
        public String json() {
            return json;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            throw new AssertionError("the stored contact data was read as a map");
        }
    }

    @Test
    void aDetailPageWritesStoredContactDataAsItIs() throws Exception {
        String stored = "{\"name\":\"Ada \\u003cb\\u003e\",\"tier\":\"gold\",\"n\":[1,2]}";
        Contact contact = new Contact("bj_1-c1", "bj_1", 1, "+14155550101", new Unreadable(stored), ContactStatus.PENDING,
                Option.none(), 0, 3, Option.none(), Option.none(), Option.none(), Option.none(), Option.none(), Option.none());
        assertThat(contact.contactData()).as("a contact keeps it uncopied").isInstanceOf(Unreadable.class);
        String json = RequestFields.JSON.writeValueAsString(ApiMapper.INSTANCE.contact(contact, Option.none()));
        assertThat(json).contains("\"contactData\":" + stored);
        assertThat(RequestFields.JSON.readTree(json).get("contactData").get("name").asText()).isEqualTo("Ada <b>");
    }
}
