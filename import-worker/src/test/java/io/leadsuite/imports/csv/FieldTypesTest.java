package io.leadsuite.imports.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldTypesTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "42", "-7", "123456789012345", "3.14", "-0.5", "1.50", "0.1"})
    void plainNumbersThatRoundTripAreNumbers(String value) {
        assertThat(FieldTypes.typeOf(value)).isEqualTo(FieldType.NUMBER);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "00123",
                "007",
                "1234567890123456",
                "12345678901234567890",
                "+1 555 0100",
                "555-0123",
                "+15550100",
                "(415) 555-2671",
                "1,000",
                "1.000,50",
                "3,14",
                "1e5",
                ".5",
                "5.",
                "-0",
                "1 000",
                "0x1F",
                "NaN",
                "Infinity",
                "12345-6789",
                "SW1A 1AA"
            })
    void valuesThatWouldLoseInformationAsNumbersStayStrings(String value) {
        assertThat(FieldTypes.typeOf(value)).isEqualTo(FieldType.STRING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "FALSE", "True", " false "})
    void trueAndFalseInAnyCaseAreBooleans(String value) {
        assertThat(FieldTypes.typeOf(value)).isEqualTo(FieldType.BOOLEAN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no", "1", "y", "t"})
    void otherYesNoSpellingsAreNotBooleans(String value) {
        assertThat(FieldTypes.typeOf(value)).isNotEqualTo(FieldType.BOOLEAN);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-03-05",
                "2024-02-29",
                "2024-03-05T09:30Z",
                "2024-03-05T09:30:00Z",
                "2024-03-05T09:30:00.123456789Z",
                "2024-03-05T09:30:00+01:00"
            })
    void isoDatesAndInstantsAreDates(String value) {
        assertThat(FieldTypes.typeOf(value)).isEqualTo(FieldType.DATE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2023-02-29",
                "2024-13-01",
                "2024-3-5",
                "05/03/2024",
                "2024-03-05T09:30:00",
                "2024-03-05 09:30:00Z",
                "2024-03-05T09:30:00+0100"
            })
    void otherDatesAndDateTimesWithoutOffsetStayStrings(String value) {
        assertThat(FieldTypes.typeOf(value)).isEqualTo(FieldType.STRING);
    }

    @Test
    void aColumnHasTheTypeAllItsValuesShareIgnoringBlanks() {
        assertThat(FieldTypes.infer("Employees", List.of("12", "", " 250 ", "3")))
                .isEqualTo(FieldType.NUMBER);
        assertThat(FieldTypes.infer("Subscribed", List.of("true", "False"))).isEqualTo(FieldType.BOOLEAN);
        assertThat(FieldTypes.infer("Signed up", List.of("2024-03-05", "2024-03-05T09:30:00Z")))
                .isEqualTo(FieldType.DATE);
    }

    @Test
    void aColumnWhoseValuesDisagreeIsAString() {
        assertThat(FieldTypes.infer("Employees", List.of("12", "about 50"))).isEqualTo(FieldType.STRING);
        assertThat(FieldTypes.infer("Flag", List.of("true", "1"))).isEqualTo(FieldType.STRING);
    }

    @Test
    void aColumnWithoutValuesIsAString() {
        assertThat(FieldTypes.infer("Employees", List.of("", " "))).isEqualTo(FieldType.STRING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zip", "ZIP Code", "Postal Code", "PLZ", "Record ID", "customerId", "Fax", "Home Phone 2"})
    void aColumnNamedForIdentifiersCodesOrPhonesIsAString(String column) {
        assertThat(FieldTypes.infer(column, List.of("12345", "90210"))).isEqualTo(FieldType.STRING);
    }

    @Test
    void wordsInsideOtherWordsDoNotCount() {
        assertThat(FieldTypes.infer("Hotel nights", List.of("3"))).isEqualTo(FieldType.NUMBER);
        assertThat(FieldTypes.infer("Paid", List.of("true"))).isEqualTo(FieldType.BOOLEAN);
    }

    @Test
    void convertingGivesTheColumnsTypeWhereTheValueFitsAndTheTextWhereItDoesNot() {
        assertThat(FieldTypes.convert(" 42 ", FieldType.NUMBER)).isEqualTo(42L);
        assertThat(FieldTypes.convert("2.5", FieldType.NUMBER)).isEqualTo(2.5);
        assertThat(FieldTypes.convert("00123", FieldType.NUMBER)).isEqualTo("00123");
        assertThat(FieldTypes.convert("TRUE", FieldType.BOOLEAN)).isEqualTo(true);
        assertThat(FieldTypes.convert("maybe", FieldType.BOOLEAN)).isEqualTo("maybe");
        assertThat(FieldTypes.convert("2024-03-05", FieldType.DATE)).isEqualTo("2024-03-05");
        assertThat(FieldTypes.convert("42", FieldType.STRING)).isEqualTo("42");
        assertThat(FieldTypes.convert("  ", FieldType.NUMBER)).isNull();
    }
}
