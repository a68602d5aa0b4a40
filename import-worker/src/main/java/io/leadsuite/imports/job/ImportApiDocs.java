package io.leadsuite.imports.job;

/** Examples for the import API's OpenAPI document, from the seed's data. */
public final class ImportApiDocs {

    public static final String JOB = """
            {
              "id": "665f1c2e8a4b2c0012345678",
              "type": "csv",
              "status": "completed",
              "totalRecords": 3,
              "processedRecords": 3,
              "successfulRecords": 2,
              "failedRecords": 1,
              "created": 1,
              "updated": 1,
              "skipped": 0,
              "errors": [{"row": 4, "field": "email", "message": "must be a valid email address"}],
              "fileName": "leads.csv",
              "fileSize": 214,
              "encoding": "UTF-8",
              "delimiter": ",",
              "fieldMapping": {"First Name": "firstName", "Last Name": "lastName", "E-mail Address": "email",
                "Mobile Phone": "phone", "Company": "companyName", "Region": "customFields.Region"},
              "integrationConfigId": null,
              "changedSince": null,
              "listId": "665f1b9d8a4b2c0012345601",
              "userId": "user_2abc",
              "dryRun": false,
              "duplicatePolicy": "update",
              "progress": 1.0,
              "failureReason": null,
              "failureMessage": null,
              "createdAt": "2024-06-04T10:15:30Z",
              "updatedAt": "2024-06-04T10:15:31Z",
              "completedAt": "2024-06-04T10:15:31Z",
              "errorsUrl": "/api/imports/665f1c2e8a4b2c0012345678/errors.csv"
            }
            """;

    /** What {@code POST /api/imports} answers: the job as the upload left it. */
    public static final String PENDING = """
            {
              "id": "665f1c2e8a4b2c0012345678",
              "type": "csv",
              "status": "pending",
              "totalRecords": 0,
              "processedRecords": 0,
              "successfulRecords": 0,
              "failedRecords": 0,
              "created": 0,
              "updated": 0,
              "skipped": 0,
              "errors": [],
              "fileName": "contacts.csv",
              "fileSize": 5111654,
              "encoding": "UTF-8",
              "delimiter": ",",
              "fieldMapping": {"First Name": "firstName", "Last Name": "lastName", "E-mail Address": "email",
                "Mobile Phone": "phone", "Company": "companyName", "Job Title": "jobTitle",
                "Region": "customFields.Region", "Lead Score": "customFields.Lead Score", "Notes": "notes"},
              "integrationConfigId": null,
              "changedSince": null,
              "listId": "665f1b9d8a4b2c0012345601",
              "userId": "user_2abc",
              "dryRun": false,
              "duplicatePolicy": "skip",
              "progress": 0.0,
              "failureReason": null,
              "failureMessage": null,
              "createdAt": "2024-06-04T10:15:30Z",
              "updatedAt": "2024-06-04T10:15:30Z",
              "completedAt": null,
              "errorsUrl": "/api/imports/665f1c2e8a4b2c0012345678/errors.csv"
            }
            """;

    public static final String ERRORS = """
            First Name,Last Name,E-mail Address,Mobile Phone,Company,Region,error_row,error_field,error_message
            Jane,Smith,jane.smith@,+1-555-0124,Tech Solutions,EMEA,4,email,must be a valid email address
            """;

    private ImportApiDocs() {}
}
