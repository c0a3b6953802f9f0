import { Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { MAX_FILES_PER_REQUEST, limitsOf } from './document-policy.js';
import { DocumentKind, DocumentMedia } from './document.enums.js';

@ObjectType({ simpleResolvers: true, description: 'A file type a kind of document accepts (sniffed from the bytes, not the declared type) and its size limit.' })
export class AcceptedFileType {
  @Field({ description: 'The MIME type, e.g. image/png.' }) contentType!: string;
  @Field(() => DocumentMedia) media!: DocumentMedia;
  @Field(() => Int, { description: 'The largest file of this type, in bytes.' }) maxBytes!: number;
  @Field(() => [String], { description: 'File name extensions of this type, without the dot.' }) extensions!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'What one kind of document accepts, and how many files of it a case can hold.' })
export class DocumentKindLimits {
  @Field(() => DocumentKind) kind!: DocumentKind;
  @Field(() => [AcceptedFileType]) acceptedTypes!: AcceptedFileType[];
  @Field(() => Int) maxImagesPerCase!: number;
  @Field(() => Int) maxVideosPerCase!: number;
  @Field(() => Int, { description: 'All files of this kind a case can hold.' }) maxFilesPerCase!: number;
  @Field(() => Int, { description: 'The fewest files of this kind one request must bring (1 for the photos of a shipment; 0 where files are optional).' }) minFilesPerRequest!: number;
  @Field({ description: 'The accepted types in words, as the refusal of another type names them.' }) acceptedDescription!: string;
  @Field({ description: 'The limits in one sentence, for people to read before they choose files.' }) summary!: string;
}

@ObjectType({ simpleResolvers: true, description: 'The upload rules uploadCaseDocuments enforces, so a client can state and check them before sending (the server still decides).' })
export class UploadLimits {
  @Field(() => Int) maxFilesPerRequest!: number;
  @Field(() => [DocumentKindLimits]) kinds!: DocumentKindLimits[];
}

@Resolver()
export class UploadLimitsResolver {
  @Query(() => UploadLimits, { description: 'The upload limits per kind of document (public: the same for everyone).' })
  uploadLimits(): UploadLimits {
    const kinds = Object.values(DocumentKind).map((kind) => {
      const limits = limitsOf(kind);
      return { ...limits, acceptedTypes: limits.acceptedTypes.map((t) => ({ ...t, media: t.media as DocumentMedia })) };
    });
    return { maxFilesPerRequest: MAX_FILES_PER_REQUEST, kinds };
  }
}
