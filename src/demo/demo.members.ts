// The conciergerie's 400 registered people: working residents aged 30–40 who shop after
// work (most with an e-mail), seniors who phone (often a landline, seldom an e-mail) and
// employees of the zone du Tubé, some of whom live in the neighbouring towns. About 40 % of
// those with an e-mail were given site access: an account without password, waiting for
// them to choose one.
import type { AccountsTable, MembersTable } from '../db/schema.ts';
import { phoneDigits, type MemberKind } from '../members/index.ts';
import { foldForSearch } from '../platform/text.ts';
import { LAST_NAMES, MAIL_DOMAINS, SENIOR_FIRST_NAMES, SENIOR_NOTES, WORKING_FIRST_NAMES, WORKING_NOTES, type Gender } from './demo.people.data.ts';
import { Random, type DemoCalendar, type SeededIds } from './demo.random.ts';
import { ENTRESSEN, ENTRESSEN_STREETS, HOME_STREETS, ISTRES, NEIGHBOUR_TOWNS, TUBE_COMPANIES } from './demo.town.ts';
import { SENIOR_RESIDENCE } from './demo.places.ts';

type Profile = 'working' | 'senior' | 'employee';
/** 400 people: 70 % working residents, 20 % seniors, 10 % employees (the demo resident included). */
const PROFILE_COUNTS: ReadonlyArray<[Profile, number]> = [['working', 279], ['senior', 80], ['employee', 40]];
const SITE_ACCESS_SHARE = 0.4;

/** The resident of the demo login: first of the list, always the same. */
export const DEMO_RESIDENT = {
  firstName: 'Élodie',
  lastName: 'Marchetti',
  email: 'adherent@conciergerie.test',
  phone: '06 12 34 56 78',
  addressLine: '8 rue Frédéric Mistral',
};

interface Person {
  firstName: string;
  lastName: string;
  gender: Gender;
  email: string | null;
  phone: string | null;
  addressLine: string;
  postalCode: string;
  city: string;
  kind: MemberKind;
  notes: string;
}

/** The same folded text as the members area builds: last and first name, e-mail, phone digits, city. */
function searchTextOf(person: Person): string {
  return foldForSearch([person.lastName, person.firstName, person.email ?? '', person.phone ? phoneDigits(person.phone) : '', person.city].join(' '));
}

class Directory {
  private readonly emails = new Set<string>([DEMO_RESIDENT.email]);
  private readonly phones = new Set<string>([DEMO_RESIDENT.phone]);

  constructor(private readonly random: Random) {}

  phone(prefix: string): string {
    for (;;) {
      const phone = `${prefix} ${this.random.digits(2)} ${this.random.digits(2)} ${this.random.digits(2)}`;
      if (!this.phones.has(phone)) {
        this.phones.add(phone);
        return phone;
      }
    }
  }

  mobile(): string {
    return this.phone(`0${this.random.pick(['6', '6', '7'])} ${this.random.digits(2)}`);
  }

  email(firstName: string, lastName: string): string {
    const first = foldForSearch(firstName).replace(/ /g, '-');
    const last = foldForSearch(lastName).replace(/ /g, '');
    const local = this.random.pick([`${first}.${last}`, `${first[0]}.${last}`, `${first}${last}${this.random.int(10, 99)}`, `${last}.${first}`]);
    const domain = this.random.pick(MAIL_DOMAINS);
    for (let suffix = 1; ; suffix += 1) {
      const email = suffix === 1 ? `${local}@${domain}` : `${local}${suffix}@${domain}`;
      if (!this.emails.has(email)) {
        this.emails.add(email);
        return email;
      }
    }
  }
}

function homeInTown(random: Random): Pick<Person, 'addressLine' | 'postalCode' | 'city'> {
  if (random.chance(0.1)) return { addressLine: `${random.int(1, 40)} ${random.pick(ENTRESSEN_STREETS)}`, postalCode: ENTRESSEN.postalCode, city: ENTRESSEN.city };
  return { addressLine: `${random.int(1, 120)} ${random.pick(HOME_STREETS)}`, postalCode: ISTRES.postalCode, city: ISTRES.city };
}

function working(random: Random, directory: Directory, gender: Gender, lastName: string): Person {
  const firstName = random.pick(WORKING_FIRST_NAMES[gender]);
  const email = random.chance(0.92) ? directory.email(firstName, lastName) : null;
  const phone = !email || random.chance(0.9) ? directory.mobile() : null;
  const notes = random.chance(0.15) ? random.pick(WORKING_NOTES) : '';
  return { firstName, lastName, gender, email, phone, ...homeInTown(random), kind: 'resident', notes };
}

function senior(random: Random, directory: Directory, gender: Gender, lastName: string): Person {
  const firstName = random.pick(SENIOR_FIRST_NAMES[gender]);
  const email = random.chance(0.25) ? directory.email(firstName, lastName) : null;
  const phone = random.chance(0.7) ? directory.phone('04 42') : directory.mobile();
  const notes = random.chance(0.4) ? random.pick(SENIOR_NOTES[gender]) : '';
  const home = random.chance(0.25)
    ? { addressLine: `${SENIOR_RESIDENCE.name}, appartement ${random.int(1, 60)}, ${SENIOR_RESIDENCE.addressLine}`, postalCode: ISTRES.postalCode, city: ISTRES.city }
    : homeInTown(random);
  return { firstName, lastName, gender, email, phone, ...home, kind: 'resident', notes };
}

function employee(random: Random, directory: Directory, gender: Gender, lastName: string): Person {
  const firstName = random.pick(WORKING_FIRST_NAMES[gender]);
  const email = directory.email(firstName, lastName);
  const phone = random.chance(0.8) ? directory.mobile() : null;
  const town = random.chance(0.6) ? random.pick(NEIGHBOUR_TOWNS) : null;
  const home = town
    ? { addressLine: `${random.int(1, 90)} ${random.pick(town.streets)}`, postalCode: town.postalCode, city: town.city }
    : homeInTown(random);
  const notes = `${gender === 'f' ? 'Salariée' : 'Salarié'} chez ${random.pick(TUBE_COMPANIES)}, zone du Tubé ; livraison le vendredi.`;
  return { firstName, lastName, gender, email, phone, ...home, kind: 'employee', notes };
}

const MAKERS: Record<Profile, typeof working> = { working, senior, employee };

export interface DemoMembers {
  members: MembersTable[];
  /** Site access opened for some members: accounts with no password yet. */
  accounts: AccountsTable[];
  /** The member behind the demo resident login. */
  demoResidentId: string;
}

export function buildMembers(calendar: DemoCalendar, ids: SeededIds): DemoMembers {
  const random = new Random('members');
  const directory = new Directory(random);
  const profiles: Profile[] = ['working', ...random.shuffle(PROFILE_COUNTS.flatMap(([profile, count]) => Array<Profile>(count).fill(profile)))];
  const people: Person[] = profiles.map((profile, index) => {
    if (index === 0) return { ...DEMO_RESIDENT, gender: 'f', postalCode: ISTRES.postalCode, city: ISTRES.city, kind: 'resident', notes: '' };
    return MAKERS[profile](random, directory, random.chance(0.52) ? 'f' : 'm', random.pick(LAST_NAMES));
  });
  const members: MembersTable[] = [];
  const accounts: AccountsTable[] = [];
  for (const [index, person] of people.entries()) {
    const createdAt = index === 0 ? '2021-03-12T17:42:00.000Z' : calendar.between(random, calendar.day(2020, 12, 5), calendar.todayMs);
    const id = ids.next(createdAt);
    members.push({
      id,
      first_name: person.firstName,
      last_name: person.lastName,
      email: person.email,
      phone: person.phone,
      address_line: person.addressLine,
      postal_code: person.postalCode,
      city: person.city,
      kind: person.kind,
      notes: person.notes,
      account_code: null,
      search_text: searchTextOf(person),
      created_at: createdAt,
      updated_at: createdAt,
    });
    if (index > 0 && person.email && random.chance(SITE_ACCESS_SHARE)) {
      accounts.push({
        id: ids.next(createdAt),
        email: person.email,
        password_hash: null,
        role: 'resident',
        display_name: `${person.firstName} ${person.lastName}`,
        shop_id: null,
        member_id: id,
        disabled_at: null,
        created_at: createdAt,
        last_login_at: null,
      });
    }
  }
  return { members, accounts, demoResidentId: members[0].id };
}

