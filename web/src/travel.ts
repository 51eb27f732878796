// Travellers and exemptions as the console takes them (a form, or JSON pasted), the requests to
// POST /travel/check and /exemptions, and their answers.
import type { PersonFinding } from '../../src/core/people/answer.js';
import type { Exemption, TravelAnswer, TravelVerdict } from '../../src/core/travel/index.js';
import { call } from './api.js';

export type { Exemption, PersonFinding, TravelAnswer, TravelVerdict };

/** An exemption as the register holds it (GET /exemptions). */
export type StoredExemption = Exemption & { id: number; recordedBy: string; recordedAt: string };

/** Verdicts worst first, how the page says them, and what each means. */
export const TRAVEL_VERDICT_WORDS: Record<TravelVerdict, string> = { denied: 'Denied', review: 'Review', allowed_by_exemption: 'Allowed by exemption', clear: 'Clear' };
export const TRAVEL_VERDICT_MEANINGS: Record<TravelVerdict, string> = {
  denied: 'the traveller is a designee under a travel ban, and no exemption covers the trip',
  review: 'a possible match below the threshold, or a list that does not say whether its ban covers the record: an analyst judges',
  allowed_by_exemption: 'the traveller is a designee under a travel ban, and an exemption covers the trip (its dates, its countries, the person)',
  clear: 'no listed person under a travel ban matched',
};

/** The one-traveller form as typed. */
export interface TravellerForm {
  id: string;
  name: string;
  birthDate: string;
  nationality: string;
  passport: string;
  from: string;
  to: string;
  itinerary: string;
  purpose: string;
}

export const emptyTravellerForm = (): TravellerForm => ({ id: '', name: '', birthDate: '', nationality: '', passport: '', from: '', to: '', itinerary: '', purpose: '' });

/** Codes written with commas or spaces between them ("CN, RU"). */
const codes = (text: string): string[] => text.split(/[\s,;]+/).map((c) => c.trim()).filter(Boolean);

/** The traveller a form describes, as POST /travel/check takes it: empty fields left out; the server names what is wrong. */
export function travellerFromForm(form: TravellerForm): Record<string, unknown> {
  const { itinerary, ...texts } = form;
  const filled = Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, v.trim()] as const).filter(([, v]) => v));
  return { ...filled, itinerary: codes(itinerary) };
}

/** Travellers from pasted text: a JSON array, one JSON object, or JSON lines; or why they cannot be read. */
export function readTravellersText(text: string): { travellers: unknown[]; problem?: undefined } | { problem: string; travellers?: undefined } {
  const trimmed = text.trim();
  if (!trimmed) return { travellers: [] };
  try {
    if (trimmed.startsWith('[')) return { travellers: JSON.parse(trimmed) as unknown[] };
    const lines = trimmed.split('\n').filter((l) => l.trim());
    return { travellers: lines.map((line, i) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        throw new Error(`line ${i + 1}: not JSON`);
      }
    }) };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

/** Check travellers (answered in their order); one that cannot be read fails the request, naming its item and field. */
export const checkTravellers = (travellers: unknown[]): Promise<TravelAnswer[]> => call<TravelAnswer[]>('/travel/check', { method: 'POST', json: travellers });

/** The exemption form as typed. */
export interface ExemptionForm {
  reference: string;
  persons: string;
  names: string;
  purpose: string;
  from: string;
  to: string;
  transit: string;
  destination: string;
  conditions: string;
  source: string;
  authority: string;
}

export const emptyExemptionForm = (): ExemptionForm => ({ reference: '', persons: '', names: '', purpose: '', from: '', to: '', transit: '', destination: '', conditions: '', source: '', authority: '1718 Committee' });

/** The exemption a form describes, as POST /exemptions takes it: ids and codes split, names one a line. */
export function exemptionFromForm(form: ExemptionForm): Record<string, unknown> {
  const text = (v: string) => v.trim() || undefined;
  return {
    reference: text(form.reference), persons: codes(form.persons), names: form.names.split('\n').map((n) => n.trim()).filter(Boolean),
    purpose: text(form.purpose), from: text(form.from), to: text(form.to), transit: codes(form.transit), destination: codes(form.destination),
    conditions: text(form.conditions), source: text(form.source), authority: text(form.authority),
  };
}

export interface ExemptionQuery {
  person: string;
  country: string;
  on: string;
  authority: string;
}

export const listExemptions = (query: ExemptionQuery): Promise<StoredExemption[]> => {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.trim()]));
  return call<StoredExemption[]>(`/exemptions${params.size ? `?${params}` : ''}`);
};

export const addExemption = (exemption: Record<string, unknown>): Promise<StoredExemption> => call<StoredExemption>('/exemptions', { method: 'POST', json: exemption });
