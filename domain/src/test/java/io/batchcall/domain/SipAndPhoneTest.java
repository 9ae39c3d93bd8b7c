package io.batchcall.domain;

import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.PhoneNumber;
import io.batchcall.domain.contact.SipCodes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SipAndPhoneTest {

    @ParameterizedTest
    @CsvSource({"486,busy", "600,busy", "480,no_answer", "487,no_answer", "408,timeout", "404,invalid_number",
            "484,invalid_number", "604,invalid_number", "403,blocked", "603,blocked", "607,blocked", "608,blocked",
            "500,carrier_error", "503,carrier_error", "599,carrier_error", "400,failed", "499,failed", "601,failed",
            "200,failed", "0,failed"})
    void sipCodesMapToTheContractOutcomes(int code, String outcome) {
        assertThat(SipCodes.outcomeFor(code)).isEqualTo(ContactStatus.fromWire(outcome).get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+14155550123", "+4930123456", "+12345678", "+123456789012345", "+0123456789"})
    void acceptsStrictE164(String phone) {
        assertThat(PhoneNumber.parse(phone).isRight()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"14155550123", "+1 415 555 0123", "+1-415-555-0123", "+1234567", "+1234567890123456",
            "++14155550123", "+14155550123 ", "(415) 555-0123", "+", "+١٢٣٤٥٦٧٨٩"})
    void rejectsAnythingElse(String phone) {
        assertThat(PhoneNumber.parse(phone).getLeft()).isEqualTo("not E.164");
    }

    @ParameterizedTest
    @ValueSource(strings = {""})
    void reportsMissingPhone(String phone) {
        assertThat(PhoneNumber.parse(phone).getLeft()).isEqualTo("missing phone");
        assertThat(PhoneNumber.parse(null).getLeft()).isEqualTo("missing phone");
    }
}
