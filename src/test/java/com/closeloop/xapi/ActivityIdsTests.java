package com.closeloop.xapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.closeloop.xapi.ActivityIds.DocumentRef;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActivityIdsTests {

    final ActivityIds defaults = new ActivityIds();
    final ActivityIds lms = new ActivityIds("https://lms.example/courses/{documentNumber}/v/{version}");

    @Test
    void theDefaultTemplateNamesDocumentAndVersion() {
        assertThat(defaults.template()).isEqualTo("urn:closeloop:document:{documentNumber}:version:{version}");
        assertThat(defaults.parse("urn:closeloop:document:SOP-CL-001:version:2.0"))
                .contains(new DocumentRef("SOP-CL-001", "2.0"));
        assertThat(new ActivityIds(ActivityIds.DEFAULT_TEMPLATE).parse("urn:closeloop:document:WI_7.3:version:12"))
                .contains(new DocumentRef("WI_7.3", "12"));
    }

    @Test
    void aCustomHttpsTemplateWorks() {
        assertThat(lms.parse("https://lms.example/courses/SOP-CL-001/v/2.0")).contains(new DocumentRef("SOP-CL-001", "2.0"));
    }

    @Test
    void placeholdersMayComeInAnyOrder() {
        ActivityIds reversed = new ActivityIds("urn:x:{version}:{documentNumber}");

        assertThat(reversed.parse("urn:x:3.1:SOP-9")).contains(new DocumentRef("SOP-9", "3.1"));
    }

    @Test
    void regexCharactersInTheTemplateAreLiteral() {
        ActivityIds template = new ActivityIds("https://lms.example/a.b?course={documentNumber}&v={version}");

        assertThat(template.parse("https://lms.example/a.b?course=SOP-1&v=2")).contains(new DocumentRef("SOP-1", "2"));
        assertThat(template.parse("https://lms.example/aXb?course=SOP-1&v=2")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "urn:closeloop:document:SOP-CL-001",
            "urn:closeloop:document:SOP-CL-001:version:",
            "urn:closeloop:document::version:2.0",
            "urn:closeloop:document:SOP:CL:version:2.0",
            "urn:closeloop:document:SOP-CL-001:version:2.0:extra",
            "urn:closeloop:document:SOP CL:version:2.0",
            "URN:CLOSELOOP:DOCUMENT:SOP-CL-001:VERSION:2.0",
            "xurn:closeloop:document:SOP-CL-001:version:2.0",
            "urn:closeloop:document:SOP/1:version:2.0",
            "urn:closeloop:document:SOP-1:version:2.0#frag",
            "https://lms.example/courses/SOP-CL-001/v/2.0"})
    void nonMatchingIdsAreEmpty(String objectId) {
        assertThat(defaults.parse(objectId)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://lms.example/courses/SOP-CL-001/v/2.0/",
            "https://lms.example/courses/SOP-CL-001/v/2.0?x=1",
            "https://lms.example/courses/a/b/v/2.0",
            "http://lms.example/courses/SOP-CL-001/v/2.0",
            "urn:closeloop:document:SOP-CL-001:version:2.0"})
    void nonMatchingIdsAreEmptyForACustomTemplate(String objectId) {
        assertThat(lms.parse(objectId)).isEmpty();
    }

    @Test
    void aNullIdIsEmpty() {
        assertThat(defaults.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "urn:closeloop:document:{documentNumber}",
            "urn:closeloop:version:{version}",
            "urn:closeloop:{documentNumber}:{version}:{version}",
            "urn:closeloop:{documentNumber}:{documentNumber}:{version}",
            "urn:closeloop:{DocumentNumber}:{version}",
            "urn:closeloop:{document_number}:{version}"})
    void anInvalidTemplateIsRefused(String template) {
        assertThatIllegalArgumentException().isThrownBy(() -> new ActivityIds(template));
    }

    @Test
    void aNullTemplateIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ActivityIds(null));
    }
}
