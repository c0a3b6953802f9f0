import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFragmentData } from '../../gql';
import { InspectionCompare } from './InspectionCompare';
import { CaseDocumentsFragment } from './documents.graphql';

afterEach(cleanup);

const noPhotos = makeFragmentData({ __typename: 'ReturnCase', id: 'case-1', status: 'INSPECTED', uploadableKinds: [], shipmentDescription: null, documents: [] }, CaseDocumentsFragment);
const inspectionPanel = () => screen.getByRole('heading', { name: 'Inspection photos (0)' }).parentElement!.textContent;

describe('inspection view without inspection photos', () => {
  it('says none were taken once the inspection is recorded, not "add them once the parcel is received"', () => {
    render(<InspectionCompare returnCase={noPhotos} inspectionNotes="Like new." inspectedAt="2026-11-08T10:00:00Z" />);
    expect(inspectionPanel()).toContain('The inspection was recorded without photos.');
    expect(inspectionPanel()).not.toMatch(/once the parcel is received|yet/);
  });

  it('invites photos while the received parcel waits for its inspection', () => {
    render(<InspectionCompare returnCase={makeFragmentData({ __typename: 'ReturnCase', id: 'case-1', status: 'RECEIVED', uploadableKinds: ['INSPECTION'], shipmentDescription: null, documents: [] }, CaseDocumentsFragment)} inspectedAt={null} />);
    expect(inspectionPanel()).toContain('No inspection photos yet. Add them while inspecting the parcel.');
  });
});
