import { graphql } from '../../gql';

/** The case's files as galleries show them (signed links to the file and its preview). */
export const CaseDocumentsFragment = graphql(`
  fragment CaseDocuments_case on ReturnCase {
    id
    status
    uploadableKinds
    shipmentDescription
    documents {
      id
      kind
      fileName
      contentType
      mediaType
      sizeBytes
      url
      thumbnailUrl
      createdAt
      uploadedBy {
        id
        displayName
        role
      }
    }
  }
`);

export const UploadCaseDocumentsDocument = graphql(`
  mutation UploadCaseDocuments($caseId: ID!, $kind: DocumentKind!, $files: [Upload!]!) {
    uploadCaseDocuments(caseId: $caseId, kind: $kind, files: $files) {
      id
      kind
      fileName
    }
  }
`);

/** The API's upload rules (the same for everyone): stated and checked before sending; the server still decides. */
export const UploadLimitsDocument = graphql(`
  query UploadLimits {
    uploadLimits {
      maxFilesPerRequest
      kinds {
        kind
        maxImagesPerCase
        maxVideosPerCase
        maxFilesPerCase
        minFilesPerRequest
        acceptedDescription
        summary
        acceptedTypes {
          contentType
          media
          maxBytes
          extensions
        }
      }
    }
  }
`);
