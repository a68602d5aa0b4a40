package io.leadsuite.leads.lead;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /api/leads}: the seed's mandatory and optional standard fields. */
record NewLead(
        @NotBlank @Size(max = 100) String firstName,
        @NotBlank @Size(max = 100) String lastName,
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 40) String phone,
        @Nullable @Size(max = 200) String companyName,
        @Nullable @Size(max = 200) String jobTitle,
        @Nullable @Size(max = 500) String linkedinUrl,
        @Nullable @Size(max = 5000) String notes) {}
