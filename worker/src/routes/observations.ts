import { contract } from '../../../shared/contract';
import { storedObservationSettings } from '../../../shared/schemas/observations';
import { memberActor, writeAudited } from '../audit/writer';
import { database } from '../db/client';
import { asBatchItem, type Db } from '../db/versions';
import { ProblemError } from '../http/problem';
import { clientOf } from '../http/request-context';
import { handlers } from '../http/route';
import { credentialHash, deviceActor, newDeviceCredential } from '../observations/device-auth';
import {
  createEnrolmentStatement,
  devicesOf,
  ENROLMENT_DAYS,
  enrolmentCodeHash,
  joinStatements,
  liveDevice,
  livePerson,
  newEnrolmentCode,
  observationSettingsOf,
  observedSystems,
  openEnrolment,
  organisationObservations,
  ownObservations,
  planReport,
  reportRetryAfter,
  revokeDeviceStatement,
  rotateDeviceStatement,
} from '../observations/observations-queries';
import { updateOrganisationStatement } from '../organisation/organisation-queries';

/** The open enrolment a code names, or 401 in words a staff member can act on. */
async function usableEnrolment(db: Db, code: string, now: number) {
  const found = await openEnrolment(db, code, now);
  if (!found)
    throw new ProblemError(
      401,
      'This enrolment code is unknown, already used or expired. Ask your admin for a new one.',
    );
  return found;
}

export const observationsRoutes = handlers(contract.observations, {
  getSettings: async (c) => {
    const { enabled, retentionDays } = await observationSettingsOf(database(c.env.DB), c.get('member').orgId);
    return c.json({ enabled, retentionDays });
  },
  updateSettings: async (c) => {
    const { orgId } = c.get('member');
    const db = database(c.env.DB);
    const current = await observationSettingsOf(db, orgId);
    const before = { enabled: current.enabled, retentionDays: current.retentionDays };
    const after = { ...before, ...c.req.valid('json') };
    await writeAudited(
      db,
      memberActor(c),
      [
        updateOrganisationStatement(db, orgId, {
          name: current.name,
          settings: { ...current.settings, ...storedObservationSettings(after) },
        }),
      ],
      [{ action: 'observations.settings', targetType: 'organisation', targetId: orgId, before, after }],
    );
    return c.json(after);
  },
  createEnrolment: async (c) => {
    const member = c.get('member');
    const { personId } = c.req.valid('json');
    const db = database(c.env.DB);
    const person = await livePerson(db, member.orgId, personId);
    if (!person) {
      throw new ProblemError(422, 'No such person.', [
        { field: 'body.personId', message: 'no such person in this firm' },
      ]);
    }
    const code = newEnrolmentCode();
    const now = Date.now();
    const enrolment = {
      id: crypto.randomUUID(),
      orgId: member.orgId,
      personId,
      codeHash: await enrolmentCodeHash(code),
      createdBy: member.id,
      createdAt: now,
      expiresAt: now + ENROLMENT_DAYS * 86_400_000,
    };
    await writeAudited(
      db,
      memberActor(c),
      [createEnrolmentStatement(db, enrolment)],
      [
        {
          action: 'enrolment.create',
          targetType: 'person',
          targetId: personId,
          after: { enrolmentId: enrolment.id, personName: person.name, expiresAt: enrolment.expiresAt },
        },
      ],
    );
    const { id, createdAt, expiresAt } = enrolment;
    return c.json({ enrolment: { id, personId, createdAt, expiresAt }, code }, 201);
  },
  listDevices: async (c) => {
    const { personId } = c.req.valid('query');
    return c.json({ devices: await devicesOf(database(c.env.DB), c.get('member').orgId, personId) });
  },
  revokeDevice: async (c) => {
    const { id } = c.req.valid('param');
    const member = c.get('member');
    const db = database(c.env.DB);
    const device = await liveDevice(db, member.orgId, id);
    if (!device) throw new ProblemError(404, 'No such enrolled browser.');
    await writeAudited(
      db,
      memberActor(c),
      [revokeDeviceStatement(db, id, Date.now())],
      [{ action: 'device.revoke', targetType: 'device', targetId: id, before: device }],
    );
    return c.body(null, 204);
  },
  preview: async (c) => {
    const db = database(c.env.DB);
    const { enrolment, personName } = await usableEnrolment(db, c.req.valid('json').code, Date.now());
    const settings = await observationSettingsOf(db, enrolment.orgId);
    return c.json({
      personName,
      organisationName: settings.name,
      observationsEnabled: settings.enabled,
      systems: await observedSystems(db, enrolment.orgId),
    });
  },
  join: async (c) => {
    const { code, label } = c.req.valid('json');
    const db = database(c.env.DB);
    const now = Date.now();
    const found = await usableEnrolment(db, code, now);
    const { enrolment, personName } = found;
    const credential = newDeviceCredential();
    const device = {
      id: crypto.randomUUID(),
      tokenHash: await credentialHash(credential),
      label: label ?? null,
    };
    await writeAudited(
      db,
      {
        orgId: enrolment.orgId,
        actorId: enrolment.personId,
        actorName: `${personName} (staff browser)`,
        ...clientOf(c),
      },
      joinStatements(db, enrolment, device, now).map(asBatchItem),
      [
        {
          action: 'device.enrol',
          targetType: 'device',
          targetId: device.id,
          after: { personId: enrolment.personId, enrolmentId: enrolment.id, label: device.label },
        },
      ],
    );
    const settings = await observationSettingsOf(db, enrolment.orgId);
    return c.json(
      {
        credential,
        device: { id: device.id, personId: enrolment.personId, personName },
        organisationName: settings.name,
        observationsEnabled: settings.enabled,
        systems: await observedSystems(db, enrolment.orgId),
      },
      201,
    );
  },
  rotate: async (c) => {
    const device = c.get('device');
    const db = database(c.env.DB);
    const credential = newDeviceCredential();
    await writeAudited(
      db,
      deviceActor(c),
      [rotateDeviceStatement(db, device.id, await credentialHash(credential), Date.now())],
      [{ action: 'device.rotate', targetType: 'device', targetId: device.id }],
    );
    return c.json({ credential });
  },
  report: async (c) => {
    const device = c.get('device');
    const db = database(c.env.DB);
    const settings = await observationSettingsOf(db, device.orgId);
    if (!settings.enabled) throw new ProblemError(409, 'Your firm has not turned on sign-in observations.');
    const now = Date.now();
    const retryAfter = await reportRetryAfter(db, device.id, now);
    if (retryAfter !== null) {
      throw new ProblemError(
        429,
        'Too many reports from this browser; they wait and are sent later.',
        undefined,
        {
          'retry-after': String(retryAfter),
        },
      );
    }
    const plan = await planReport(db, device, c.req.valid('json'), settings.retentionDays, now);
    await writeAudited(db, deviceActor(c), plan.statements.map(asBatchItem), plan.events);
    return c.json({ recorded: plan.recorded, newPairs: plan.newPairs });
  },
  list: async (c) => {
    const observations = await organisationObservations(database(c.env.DB), c.get('member').orgId);
    return c.json({ observations });
  },
  mine: async (c) => {
    const device = c.get('device');
    const db = database(c.env.DB);
    const settings = await observationSettingsOf(db, device.orgId);
    return c.json({
      personName: device.personName,
      observationsEnabled: settings.enabled,
      retentionDays: settings.retentionDays,
      systems: await observedSystems(db, device.orgId),
      observations: await ownObservations(db, device.orgId, device.personId),
    });
  },
});
