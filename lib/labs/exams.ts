/**
 * The AWS certification exams the labs teach for, as plain data: domains, weights and task statements in
 * AWS's own words, how a learner books MLA-C02, and the types and checks of each lab's exam mapping (the
 * mappings themselves live next to each lab, in lib/labs/<lab>/exam.ts). No aws-cdk-lib import: the
 * catalogue, the README's generated tables and the docs test read it.
 *
 * MLA-C02 comes first: it is the exam for ML engineers today. MLS-C01 stays, marked retired, because the
 * labs grew out of its course material. AIF-C01 and AIP-C01 are listed where a lab touches them.
 *
 * Checked on 2026-12-02 (EXAMS_CHECKED) with the kit's documentation search. MLA-C02's domain and
 * task-statement titles are copied from AWS's comparison page, which the search held word for word; a copy
 * of those lines, citing the page and the date, is test/fixtures/exam-guides/mla-c02.md, and the docs test
 * compares this file with it. Each exam's `checked` note says what the search could and could not show.
 */

export type ExamStatus = 'current' | 'retired';

/** The date every source in this file was last read. */
export const EXAMS_CHECKED = '2026-12-02';

export interface TaskStatement {
  /** `<domain>.<task>`, as the exam guide numbers it. */
  readonly id: string;
  /** AWS's title, without the final full stop. */
  readonly title: string;
  /** The AWS page the title was read on. */
  readonly source: string;
}

export interface ExamDomain {
  readonly number: number;
  readonly title: string;
  /** Share of the scored content, in percent. */
  readonly weight: number;
  readonly source: string;
  /** The task statements the kit lists (for MLA-C02: all of them); an empty list maps the domain as a whole. */
  readonly tasks: readonly TaskStatement[];
}

/** One fact a learner needs to book the exam, with the page it comes from and when it was checked. */
export interface BookingFact {
  readonly what: string;
  readonly value: string;
  readonly source: string;
  readonly checked: string;
}

export interface Exam {
  readonly code: string;
  readonly name: string;
  readonly status: ExamStatus;
  /** Dates and delivery, in one sentence a learner can act on. */
  readonly availability: string;
  /** The exam guide (or, for the certification itself, its page). */
  readonly source: string;
  readonly domains: readonly ExamDomain[];
  /** How a learner books it, fact by fact. */
  readonly booking?: readonly BookingFact[];
  /** What the sources confirmed, and what they did not. */
  readonly checked: string;
}

const MLA_C02_GUIDE = 'https://docs.aws.amazon.com/aws-certification/latest/machine-learning-engineer-associate-02';
/** AWS's "Comparison of MLA-C01 and MLA-C02": domain titles and weights, and every task statement's title. */
export const MLA_C02_COMPARISON = `${MLA_C02_GUIDE}/mla-02-comparison.html`;
const MLA_C02_CERTIFICATION = 'https://aws.amazon.com/certification/certified-machine-learning-engineer-associate/';

/** MLA-C02's task statements, as AWS titles them on the comparison page; the ids are what a lab's exam.ts maps to. */
const MLA_C02_TASKS = {
  '1.1': 'Collect and store data',
  '1.2': 'Perform data transformation, feature engineering, and pre-processing',
  '1.3': 'Validate data quality and manage bias',
  '2.1': 'Choose appropriate modeling approaches for ML and AI solutions',
  '2.2': 'Train, fine-tune, and customize models for ML and AI solutions',
  '2.3': 'Analyze and evaluate the performance of ML and AI systems',
  '3.1': 'Manage deployment infrastructure for ML and AI model types',
  '3.2': 'Provision and configure resources for ML and AI workloads based on existing architecture and requirements',
  '3.3': 'Implement automated orchestration and continuous integration and continuous delivery (CI/CD) pipelines for MLOps and AI workloads',
  '4.1': 'Monitor ML and AI model inference and performance',
  '4.2': 'Optimize and manage ML and AI infrastructure costs and performance',
  '4.3': 'Secure ML and AI workloads and model endpoints',
} as const;

export type MlaC02TaskId = keyof typeof MLA_C02_TASKS;

function mlaC02Tasks(domain: number): TaskStatement[] {
  return Object.entries(MLA_C02_TASKS)
    .filter(([id]) => id.startsWith(`${domain}.`))
    .map(([id, title]) => ({ id, title, source: MLA_C02_COMPARISON }));
}

const mlaC02Domain = (number: number, title: string, weight: number): ExamDomain => ({
  number,
  title,
  weight,
  source: MLA_C02_COMPARISON,
  tasks: mlaC02Tasks(number),
});

export const MLA_C02: Exam = {
  code: 'MLA-C02',
  name: 'AWS Certified Machine Learning Engineer – Associate',
  status: 'current',
  availability:
    'In use from 2026-09-29, first as an English-only beta booked as ME1-C02; the standard exam follows in early ' +
    '2027. MLA-C01 was given in English until 2026-09-28.',
  source: `${MLA_C02_GUIDE}/machine-learning-engineer-associate-02.html`,
  domains: [
    mlaC02Domain(1, 'Data Preparation for ML and AI', 28),
    mlaC02Domain(2, 'ML Model and Foundation Model (FM) Development', 24),
    mlaC02Domain(3, 'Deployment and Orchestration of ML and AI Workflows', 24),
    mlaC02Domain(4, 'Operating, Monitoring, and Securing ML and AI Solutions', 24),
  ],
  booking: [
    { what: 'Exam in use', value: 'from 2026-09-29 (MLA-C01 until 2026-09-28)', source: MLA_C02_COMPARISON, checked: EXAMS_CHECKED },
    { what: 'Appointment code of the beta', value: 'ME1-C02 (the exam guide calls it MLA-C02)', source: MLA_C02_CERTIFICATION, checked: EXAMS_CHECKED },
    { what: 'Price of the beta', value: 'USD 75', source: MLA_C02_CERTIFICATION, checked: EXAMS_CHECKED },
    { what: 'Language of the beta', value: 'English only', source: MLA_C02_CERTIFICATION, checked: EXAMS_CHECKED },
    { what: 'Length of the beta', value: '85 questions in 170 minutes', source: MLA_C02_CERTIFICATION, checked: EXAMS_CHECKED },
    {
      what: 'Standard exam',
      value:
        'early 2027, then also in Japanese, Korean and Simplified Chinese (MLA-C01 stays in those languages until then); ' +
        'an AWS Training and Certification post of September 2026 names 2027-01-14, while the certification page said "to be announced"',
      source: MLA_C02_CERTIFICATION,
      checked: EXAMS_CHECKED,
    },
  ],
  checked:
    'Domain titles, weights and the twelve task-statement titles: AWS\'s comparison page, read word for word in the ' +
    'search index on 2026-12-02 (copy: test/fixtures/exam-guides/mla-c02.md). The booking facts (ME1-C02, USD 75, ' +
    'English, 85 questions, 170 minutes, standard exam in early 2027): the certification page as quoted, with the ' +
    'page linked, by several independent study guides dated 2026-09 and 2026-10; the page itself was not in the ' +
    'search index, so read it before you book.',
};

const MLS_C01_GUIDE = 'https://docs.aws.amazon.com/aws-certification/latest/machine-learning-specialty-01';
const mlsC01Domain = (n: number) => `${MLS_C01_GUIDE}/machine-learning-specialty-01-domain${n}.html`;

export const MLS_C01: Exam = {
  code: 'MLS-C01',
  name: 'AWS Certified Machine Learning – Specialty',
  status: 'retired',
  availability: 'Retired on 2026-03-31; the labs grew out of its course material.',
  source: `${MLS_C01_GUIDE}/machine-learning-specialty-01.html`,
  domains: [
    {
      number: 1,
      title: 'Data Engineering',
      weight: 20,
      source: mlsC01Domain(1),
      tasks: [
        { id: '1.1', title: 'Create data repositories for ML', source: mlsC01Domain(1) },
        { id: '1.2', title: 'Identify and implement a data ingestion solution', source: mlsC01Domain(1) },
        { id: '1.3', title: 'Identify and implement a data transformation solution', source: mlsC01Domain(1) },
      ],
    },
    {
      number: 2,
      title: 'Exploratory Data Analysis',
      weight: 24,
      source: mlsC01Domain(2),
      tasks: [{ id: '2.1', title: 'Sanitize and prepare data for modeling', source: mlsC01Domain(2) }],
    },
    {
      number: 3,
      title: 'Modeling',
      weight: 36,
      source: mlsC01Domain(3),
      tasks: [
        { id: '3.2', title: 'Select the appropriate model(s) for a given ML problem', source: mlsC01Domain(3) },
        { id: '3.3', title: 'Train ML models', source: mlsC01Domain(3) },
        { id: '3.4', title: 'Perform hyperparameter optimization', source: mlsC01Domain(3) },
        { id: '3.5', title: 'Evaluate ML models', source: mlsC01Domain(3) },
      ],
    },
    { number: 4, title: 'Machine Learning Implementation and Operations', weight: 20, source: mlsC01Domain(4), tasks: [] },
  ],
  checked:
    'The exam guide lives under aws-certification/latest/machine-learning-specialty-01/ (the search holds its domain 2 ' +
    'page there, with task 2.1 as titled here); the kit used to link pages under aws-certification/latest/userguide/, ' +
    'which the search does not know. Domain 3 and its task statements 3.1-3.5: the AWS exam-guide page. Domain 1 task ' +
    'titles: a copy of the exam guide. Weights of domains 1, 2 and 4 and the retirement on 2026-03-31: study guides ' +
    'that cite AWS.',
};

const AIF_C01_GUIDE = 'https://docs.aws.amazon.com/aws-certification/latest/ai-practitioner-01';
const aifC01Domain = (n: number) => `${AIF_C01_GUIDE}/ai-practitioner-01-domain${n}.html`;

export const AIF_C01: Exam = {
  code: 'AIF-C01',
  name: 'AWS Certified AI Practitioner',
  status: 'current',
  availability: 'Current foundational exam.',
  source: `${AIF_C01_GUIDE}/ai-practitioner-01.html`,
  domains: [
    {
      number: 1,
      title: 'Fundamentals of AI and ML',
      weight: 20,
      source: aifC01Domain(1),
      tasks: [{ id: '1.2', title: 'Identify practical use cases for AI', source: aifC01Domain(1) }],
    },
    {
      number: 2,
      title: 'Fundamentals of Generative AI',
      weight: 24,
      source: aifC01Domain(2),
      tasks: [{ id: '2.1', title: 'Explain the basic concepts of GenAI', source: aifC01Domain(2) }],
    },
    {
      number: 3,
      title: 'Applications of Foundation Models',
      weight: 28,
      source: aifC01Domain(3),
      tasks: [{ id: '3.1', title: 'Describe design considerations for applications that use foundation models', source: aifC01Domain(3) }],
    },
    { number: 4, title: 'Guidelines for Responsible AI', weight: 14, source: aifC01Domain(4), tasks: [] },
    { number: 5, title: 'Security, Compliance, and Governance for AI Solutions', weight: 14, source: aifC01Domain(5), tasks: [] },
  ],
  checked:
    'Domains 1 (20%) and 2 (24%) with task statements 1.2 and 2.1: the AWS exam-guide pages. Domains 3-5, ' +
    'their weights and task statement 3.1: study guides that quote and link the same exam-guide pages.',
};

const AIP_C01_GUIDE = 'https://docs.aws.amazon.com/aws-certification/latest/ai-professional-01';
const aipC01Domain = (n: number) => `${AIP_C01_GUIDE}/ai-professional-01-domain${n}.html`;

export const AIP_C01: Exam = {
  code: 'AIP-C01',
  name: 'AWS Certified Generative AI Developer – Professional',
  status: 'current',
  availability: 'Current professional exam.',
  source: `${AIP_C01_GUIDE}/ai-professional-01.html`,
  domains: [
    { number: 1, title: 'Foundation Model Integration, Data Management, and Compliance', weight: 31, source: aipC01Domain(1), tasks: [] },
    { number: 2, title: 'Implementation and Integration', weight: 26, source: aipC01Domain(2), tasks: [] },
    { number: 3, title: 'AI Safety, Security, and Governance', weight: 20, source: aipC01Domain(3), tasks: [] },
    { number: 4, title: 'Operational Efficiency and Optimization for GenAI Applications', weight: 12, source: aipC01Domain(4), tasks: [] },
    { number: 5, title: 'Testing, Validation, and Troubleshooting', weight: 11, source: aipC01Domain(5), tasks: [] },
  ],
  checked:
    'Domain titles and weights (31/26/20/12/11): several study guides that quote and link the AWS exam guide and its ' +
    'domain pages (linked here); the AWS pages themselves were not in the search index. Labs map to whole domains only.',
};

/** Every exam the kit maps to, MLA-C02 first. */
export const EXAMS: readonly Exam[] = [MLA_C02, MLS_C01, AIF_C01, AIP_C01];

export type OtherExamCode = 'MLS-C01' | 'AIF-C01' | 'AIP-C01';

/** References a lab makes to the other exams: task ids (`'3.1'`) or, for a whole domain, its number (`'1'`). */
export type OtherExamRefs = Readonly<Partial<Record<OtherExamCode, readonly string[]>>>;

export function findExam(code: string): Exam | undefined {
  return EXAMS.find((e) => e.code === code);
}

/** True when `ref` names a task statement of the exam, or one of its domains by number. */
export function examRefExists(exam: Exam, ref: string): boolean {
  return exam.domains.some((d) => String(d.number) === ref || d.tasks.some((t) => t.id === ref));
}

export function findMlaC02Task(id: string): TaskStatement | undefined {
  return MLA_C02.domains.flatMap((d) => d.tasks).find((t) => t.id === id);
}

// ---------------------------------------------------------------------------------------------------------------
// A lab's mapping to MLA-C02, with its evidence (lib/labs/<lab>/exam.ts)
// ---------------------------------------------------------------------------------------------------------------

/** The guide sections in which a learner does something: evidence can point only there, never at the exam tips. */
export type EvidenceSection = 'Deploy' | 'Steps' | 'Verify';

/**
 * Where, in the lab's guide, the learner does what a task statement names: a section, optionally a numbered step
 * of it (`### 4. ...` or a list item `4. ...`), and words of the guide found there (whitespace is not significant).
 */
export interface Evidence {
  readonly section: EvidenceSection;
  readonly step?: string;
  readonly quote: string;
}

/** One task statement a lab teaches, and where in its guide the learner does it. */
export interface TaskMapping {
  readonly task: MlaC02TaskId;
  readonly evidence: readonly Evidence[];
}

/** What a lab teaches for the exams: the data in lib/labs/<lab>/exam.ts. */
export interface LabExam {
  readonly mappings: readonly TaskMapping[];
  /** The task ids of `mappings`, in order: what the catalogue and the README's exam column list. */
  readonly mlaC02Tasks: readonly MlaC02TaskId[];
  readonly otherExams?: OtherExamRefs;
}

export function labExam(mappings: readonly TaskMapping[], otherExams?: OtherExamRefs): LabExam {
  return { mappings, mlaC02Tasks: mappings.map((m) => m.task), ...(otherExams ? { otherExams } : {}) };
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The text of a `## <name>` section of a guide, or undefined. */
export function guideSection(guide: string, name: string): string | undefined {
  return guide.split(/^## /m).find((s) => s.startsWith(`${name}\n`));
}

/**
 * The text of step `step` of a section, to the next step: a `### N. ...` heading runs to the next `###` heading
 * (lists inside it are not steps), a top-level list item `N. ...` to the next top-level item or heading.
 */
export function guideStep(section: string, step: string): string | undefined {
  const lines = section.split('\n');
  const heading = lines.findIndex((line) => line.startsWith(`### ${step}. `));
  const item = lines.findIndex((line) => line.startsWith(`${step}. `));
  const start = heading >= 0 ? heading : item;
  if (start < 0) {
    return undefined;
  }
  const next = heading >= 0 ? /^### / : /^(?:### |\d+\. )/;
  const end = lines.findIndex((line, i) => i > start && next.test(line));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** Every mapping of a lab that has no evidence, or evidence its guide does not hold. */
export function examEvidenceProblems(labId: string, guide: string, exam: LabExam): string[] {
  const problems: string[] = [];
  for (const { task, evidence } of exam.mappings) {
    if (evidence.length === 0) {
      problems.push(`lab ${labId} maps to MLA-C02 ${task} with no evidence in its guide`);
    }
    for (const e of evidence) {
      const where = `${e.section}${e.step ? ` step ${e.step}` : ''}`;
      const section = guideSection(guide, e.section);
      const text = section === undefined ? undefined : e.step ? guideStep(section, e.step) : section;
      if (text === undefined) {
        problems.push(`lab ${labId} maps to MLA-C02 ${task} with evidence in ${where}, which its guide does not have`);
      } else if (normalize(e.quote).length === 0 || !normalize(text).includes(normalize(e.quote))) {
        problems.push(`lab ${labId} maps to MLA-C02 ${task} with evidence in ${where} that does not say "${e.quote}"`);
      }
    }
  }
  return problems;
}

/** What a lab says it teaches, as the exam data checks it. */
export interface LabExamMapping {
  readonly id: string;
  readonly exam: Pick<LabExam, 'mlaC02Tasks' | 'otherExams'>;
}

/** Every problem with the labs' exam mappings: no MLA-C02 task, or a reference the data file does not have. */
export function examMappingProblems(labs: readonly LabExamMapping[]): string[] {
  const problems: string[] = [];
  for (const { id, exam: lab } of labs) {
    if (lab.mlaC02Tasks.length === 0) {
      problems.push(`lab ${id} maps to no MLA-C02 task statement`);
    }
    for (const task of lab.mlaC02Tasks) {
      if (!findMlaC02Task(task)) {
        problems.push(`lab ${id} maps to MLA-C02 ${task}, which lib/labs/exams.ts does not list`);
      }
    }
    for (const [code, refs] of Object.entries(lab.otherExams ?? {})) {
      const exam = findExam(code);
      for (const ref of refs ?? []) {
        if (!exam || !examRefExists(exam, ref)) {
          problems.push(`lab ${id} maps to ${code} ${ref}, which lib/labs/exams.ts does not list`);
        }
      }
    }
  }
  return problems;
}

/** The README's exam column for a lab: `MLA-C02 1.1, 1.2 · AIP-C01 D1` (D1: the whole domain 1). Retired exams are left out. */
export function examColumn({ exam: lab }: LabExamMapping): string {
  const other = Object.entries(lab.otherExams ?? {})
    .filter(([code]) => findExam(code)?.status !== 'retired')
    .map(([code, refs]) => `${code} ${(refs ?? []).map((r) => (r.includes('.') ? r : `D${r}`)).join(', ')}`);
  return [`MLA-C02 ${lab.mlaC02Tasks.join(', ')}`, ...other].join(' · ');
}

/**
 * The README's "MLA-C02" section: how to book the exam, and per task statement which labs teach it (and which
 * none teaches yet), generated from this file and the labs' mappings.
 */
export function examSection(labs: readonly { readonly folder: string; readonly exam: Pick<LabExam, 'mlaC02Tasks'> }[]): string {
  const booking = (MLA_C02.booking ?? []).map((f) => `- **${f.what}**: ${f.value} ([source](${f.source}), checked ${f.checked})`);
  const rows = MLA_C02.domains.flatMap((d) =>
    d.tasks.map((t) => {
      const teaching = labs.filter((l) => l.exam.mlaC02Tasks.some((id) => id === t.id));
      const cell = teaching.length === 0 ? 'none yet' : teaching.map((l) => `[${/\/(\d+)-/.exec(l.folder)?.[1] ?? l.folder}](${l.folder}/GUIDE.md)`).join(', ');
      return `| ${d.number} (${d.weight}%) | **${t.id}** ${t.title} | ${cell} |`;
    }),
  );
  return [
    ...booking,
    '',
    `| Domain | Task statement ([AWS's titles](${MLA_C02_COMPARISON})) | Labs that teach it |`,
    '| --- | --- | --- |',
    ...rows,
  ].join('\n');
}
