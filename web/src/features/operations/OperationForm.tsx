import { Button, Divider, Paper, SimpleGrid, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { PageHeader } from '../../ui/PageHeader';
import { LocationSelect } from '../../ui/pickers';
import { ErrorState } from '../../ui/states';
import { EventTimeInput, eventTimeBody } from './DateFields';
import { DocumentsEditor, documentsBody, type DocumentRow } from './DocumentsEditor';
import { RecordedEvent } from './RecordedEvent';
import { SubmitBar } from './SubmitBar';
import type { LedgerEvent } from './useRecordEvent';
import { WarehouseOnly } from './WarehouseOnly';

/** A recording page (receive, produce, ship): its title, then the form for the warehouse; other roles learn why not. */
export function OperationPage({ title, description, action, children }: { title: string; description: string; action: string; children: ReactNode }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <WarehouseOnly action={action}>{children}</WarehouseOnly>
    </>
  );
}

/** What every recording form holds besides its lines: where, when, and the papers behind it. */
export interface EventHeader {
  location: string | null;
  time: string | null;
  documents: DocumentRow[];
}

/** That part of the request body; an empty time is "now" on the server's clock. */
export function headerBody(form: EventHeader) {
  return { location: form.location ?? '', time: eventTimeBody(form.time), documents: documentsBody(form.documents) };
}

/** What the frame needs of `useOperationForm`'s state. */
interface FormState {
  form: EventHeader;
  edit: (change: Partial<EventHeader>) => void;
  onSubmit: (event: FormEvent) => void;
  errors: Record<string, string>;
  missing: number;
  recording: { recorded: LedgerEvent | null; error: Error | null; pending: boolean };
}

/**
 * The frame of a recording form: what the last submission recorded above it; then the supplier
 * or customer (`party`), where and when; the lines (`children`); the documents; the server's
 * refusal and anything to review before sending; and the submit bar.
 */
export function OperationForm({
  label,
  state,
  errors = state.errors,
  onSubmit = state.onSubmit,
  party,
  locationPlaceholder,
  documentType,
  failedTitle,
  recordedDetail,
  review,
  submit,
  children,
}: {
  label: string;
  state: FormState;
  /** Instead of the state's: more messages by field (a failed proposal's). */
  errors?: Record<string, string>;
  /** Instead of the state's submit: another step first (a proposal). */
  onSubmit?: (event: FormEvent) => void;
  party?: ReactNode;
  locationPlaceholder: string;
  documentType: string;
  failedTitle: string;
  /** Shown with the recorded event, e.g. how a shipment's lots were assigned. */
  recordedDetail?: ReactNode;
  /** Above the submit bar: another refusal, a proposal to check. */
  review?: ReactNode;
  submit: { label: string; icon: ReactNode; pending?: boolean };
  children: ReactNode;
}) {
  const { form, edit, missing, recording } = state;
  return (
    <Stack gap="md">
      {recording.recorded && <RecordedEvent event={recording.recorded}>{recordedDetail}</RecordedEvent>}
      <Paper withBorder p="md" radius="sm" component="form" onSubmit={onSubmit} aria-label={label} noValidate>
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, sm: party ? 3 : 2 }}>
            {party}
            <LocationSelect searchable label="Location" placeholder={locationPlaceholder} value={form.location} onChange={(location) => edit({ location })} error={errors.location} required />
            <EventTimeInput value={form.time} onChange={(time) => edit({ time })} error={errors.time} />
          </SimpleGrid>
          {children}
          <Divider />
          <DocumentsEditor rows={form.documents} onChange={(documents) => edit({ documents })} errors={errors} defaultType={documentType} />
          {recording.error && <ErrorState error={recording.error} title={failedTitle} />}
          {review}
          <SubmitBar missing={missing}>
            <Button type="submit" leftSection={submit.icon} loading={submit.pending ?? recording.pending}>
              {submit.label}
            </Button>
          </SubmitBar>
        </Stack>
      </Paper>
    </Stack>
  );
}
