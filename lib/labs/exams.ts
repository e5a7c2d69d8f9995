/**
 * The AWS certification exams the labs teach for, as plain data: domains, weights and the task statements
 * the labs touch, each with the AWS page it comes from. No aws-cdk-lib import: the catalogue, the README's
 * lab table and the docs test read it.
 *
 * MLA-C02 comes first: it is the exam for ML engineers today. MLS-C01 stays, marked retired, because the
 * labs grew out of its course material. AIF-C01 and AIP-C01 are listed where a lab touches them.
 *
 * Checked on 2026-11-28 with the kit's documentation search. What the search could and could not confirm is
 * in each exam's `checked` note; a title marked "paraphrase" is a short summary of the task statement, not
 * AWS's wording, because the page itself was not in the search index: read the linked page before you
 * quote it.
 */

export type ExamStatus = 'current' | 'retired';

export interface TaskStatement {
  /** `<domain>.<task>`, as the exam guide numbers it. */
  readonly id: string;
  readonly title: string;
  /** The exam-guide page that lists the task statement. */
  readonly source: string;
}

export interface ExamDomain {
  readonly number: number;
  readonly title: string;
  /** Share of the scored content, in percent. */
  readonly weight: number;
  readonly source: string;
  /** Only the task statements some lab teaches (or will teach); an empty list maps the domain as a whole. */
  readonly tasks: readonly TaskStatement[];
}

export interface Exam {
  readonly code: string;
  readonly name: string;
  readonly status: ExamStatus;
  /** Dates and delivery, in one sentence a learner can act on. */
  readonly availability: string;
  /** The certification page. */
  readonly source: string;
  readonly domains: readonly ExamDomain[];
  /** What the sources confirmed, and what they did not. */
  readonly checked: string;
}

const MLA_C02_GUIDE = 'https://docs.aws.amazon.com/aws-certification/latest/machine-learning-engineer-associate-02';
const mlaC02Domain = (n: number) => `${MLA_C02_GUIDE}/machine-learning-engineer-associate-02-domain${n}.html`;

/** Task statements of MLA-C02 that labs 01-06 teach; the ids are what `LabInfo.mlaC02Tasks` lists. */
const MLA_C02_TASKS = {
  '1.1': 'Collect, ingest and store data, including streaming data and vector stores (paraphrase)',
  '1.2': 'Transform data and engineer features, including chunking and embeddings for RAG (paraphrase)',
  '1.3': 'Validate data quality and find bias, such as unbalanced labels and missing values (paraphrase)',
  '2.1': 'Choose a modeling approach: built-in algorithm, AI service, foundation model or RAG (paraphrase)',
  '2.2': 'Train, tune and customize models, including hyperparameter tuning and spot training (paraphrase)',
  '2.3': 'Evaluate model and foundation-model performance with metrics suited to the problem (paraphrase)',
  '3.1': 'Select deployment infrastructure: real-time endpoints, batch inference, foundation models (paraphrase)',
  '3.2': 'Create and script infrastructure: IaC, VPC and endpoints, knowledge bases (paraphrase)',
  '3.3': 'Automate and orchestrate ML and AI workflows (paraphrase)',
  '4.1': 'Monitor models, data and AI applications in production (paraphrase)',
  '4.2': 'Monitor and optimize infrastructure and cost (paraphrase)',
  '4.3': 'Secure ML and AI resources: least privilege, network isolation, encryption, guardrails (paraphrase)',
} as const;

export type MlaC02TaskId = keyof typeof MLA_C02_TASKS;

function mlaC02Tasks(domain: number): TaskStatement[] {
  return Object.entries(MLA_C02_TASKS)
    .filter(([id]) => id.startsWith(`${domain}.`))
    .map(([id, title]) => ({ id, title, source: mlaC02Domain(domain) }));
}

export const MLA_C02: Exam = {
  code: 'MLA-C02',
  name: 'AWS Certified Machine Learning Engineer – Associate',
  status: 'current',
  availability:
    'Given in English from 2026-09-29 as a beta (85 questions, 170 minutes); it follows MLA-C01, ' +
    'given in English until 2026-09-28. Check the certification page for the standard release before you book.',
  source: 'https://aws.amazon.com/certification/certified-machine-learning-engineer-associate/',
  domains: [
    { number: 1, title: 'Data Preparation for ML and AI', weight: 28, source: mlaC02Domain(1), tasks: mlaC02Tasks(1) },
    { number: 2, title: 'ML Model and Foundation Model Development', weight: 24, source: mlaC02Domain(2), tasks: mlaC02Tasks(2) },
    { number: 3, title: 'Deployment and Orchestration of ML and AI Workflows', weight: 24, source: mlaC02Domain(3), tasks: mlaC02Tasks(3) },
    { number: 4, title: 'Operating, Monitoring, and Securing ML and AI Solutions', weight: 24, source: mlaC02Domain(4), tasks: mlaC02Tasks(4) },
  ],
  checked:
    'Domain titles and weights (28/24/24/24) and three task statements per domain: two independent study ' +
    'guides that quote and link the exam guide (' + `${MLA_C02_GUIDE}/machine-learning-engineer-associate-02.html` +
    ') and its comparison with MLA-C01 (' + `${MLA_C02_GUIDE}/mla-02-comparison.html` + '). ' +
    'Beta from 2026-09-29 with the scheduling code ME1-C02, MLA-C01 in English until 2026-09-28: the same ' +
    'guides, which cite the certification page. The AWS pages themselves were not in the search index, so ' +
    'task titles are paraphrases. Correction to the issue: MLA-C02 started as a beta on 2026-09-29, not as ' +
    'the standard exam.',
};

const MLS_C01_GUIDE = 'https://docs.aws.amazon.com/aws-certification/latest/userguide';

export const MLS_C01: Exam = {
  code: 'MLS-C01',
  name: 'AWS Certified Machine Learning – Specialty',
  status: 'retired',
  availability: 'Retired on 2026-03-31; the labs grew out of its course material.',
  source: 'https://aws.amazon.com/certification/certified-machine-learning-specialty/',
  domains: [
    {
      number: 1,
      title: 'Data Engineering',
      weight: 20,
      source: `${MLS_C01_GUIDE}/machine-learning-specialty-01-domain1.html`,
      tasks: [
        { id: '1.1', title: 'Create data repositories for ML', source: `${MLS_C01_GUIDE}/machine-learning-specialty-01-domain1.html` },
        { id: '1.2', title: 'Identify and implement a data ingestion solution', source: `${MLS_C01_GUIDE}/machine-learning-specialty-01-domain1.html` },
        { id: '1.3', title: 'Identify and implement a data transformation solution', source: `${MLS_C01_GUIDE}/machine-learning-specialty-01-domain1.html` },
      ],
    },
    {
      number: 2,
      title: 'Exploratory Data Analysis',
      weight: 24,
      source: `${MLS_C01_GUIDE}/machine-learning-specialty-01-domain2.html`,
      tasks: [{ id: '2.1', title: 'Sanitize and prepare data for modeling', source: `${MLS_C01_GUIDE}/machine-learning-specialty-01-domain2.html` }],
    },
    {
      number: 3,
      title: 'Modeling',
      weight: 36,
      source: `${MLS_C01_GUIDE}/machine-learning-specialty-01-domain3.html`,
      tasks: [
        { id: '3.2', title: 'Select the appropriate model(s) for a given ML problem', source: `${MLS_C01_GUIDE}/machine-learning-specialty-01-domain3.html` },
        { id: '3.3', title: 'Train ML models', source: `${MLS_C01_GUIDE}/machine-learning-specialty-01-domain3.html` },
        { id: '3.4', title: 'Perform hyperparameter optimization', source: `${MLS_C01_GUIDE}/machine-learning-specialty-01-domain3.html` },
        { id: '3.5', title: 'Evaluate ML models', source: `${MLS_C01_GUIDE}/machine-learning-specialty-01-domain3.html` },
      ],
    },
    { number: 4, title: 'Machine Learning Implementation and Operations', weight: 20, source: `${MLS_C01_GUIDE}/machine-learning-specialty-01-domain4.html`, tasks: [] },
  ],
  checked:
    'Domain 3 (Modeling, 36%) and its task statements 3.1-3.5: the AWS exam-guide page. Domain 1 task titles: ' +
    'a copy of the exam guide. Weights of domains 1, 2 and 4 and the retirement on 2026-03-31: study ' +
    'guides that cite AWS; the AWS announcement was not in the search index.',
};

const AIF_C01_GUIDE = 'https://docs.aws.amazon.com/aws-certification/latest/ai-practitioner-01';

export const AIF_C01: Exam = {
  code: 'AIF-C01',
  name: 'AWS Certified AI Practitioner',
  status: 'current',
  availability: 'Current foundational exam.',
  source: 'https://aws.amazon.com/certification/certified-ai-practitioner/',
  domains: [
    {
      number: 1,
      title: 'Fundamentals of AI and ML',
      weight: 20,
      source: `${AIF_C01_GUIDE}/ai-practitioner-01-domain1.html`,
      tasks: [{ id: '1.2', title: 'Identify practical use cases for AI', source: `${AIF_C01_GUIDE}/ai-practitioner-01-domain1.html` }],
    },
    {
      number: 2,
      title: 'Fundamentals of Generative AI',
      weight: 24,
      source: `${AIF_C01_GUIDE}/ai-practitioner-01-domain2.html`,
      tasks: [{ id: '2.1', title: 'Explain the basic concepts of GenAI', source: `${AIF_C01_GUIDE}/ai-practitioner-01-domain2.html` }],
    },
    {
      number: 3,
      title: 'Applications of Foundation Models',
      weight: 28,
      source: `${AIF_C01_GUIDE}/ai-practitioner-01-domain3.html`,
      tasks: [
        { id: '3.1', title: 'Describe design considerations for applications that use foundation models', source: `${AIF_C01_GUIDE}/ai-practitioner-01-domain3.html` },
      ],
    },
    { number: 4, title: 'Guidelines for Responsible AI', weight: 14, source: `${AIF_C01_GUIDE}/ai-practitioner-01-domain4.html`, tasks: [] },
    { number: 5, title: 'Security, Compliance, and Governance for AI Solutions', weight: 14, source: `${AIF_C01_GUIDE}/ai-practitioner-01-domain5.html`, tasks: [] },
  ],
  checked:
    'Domains 1 (20%) and 2 (24%) with task statements 1.2 and 2.1: the AWS exam-guide pages. Domains 3-5, ' +
    'their weights and task statement 3.1: study guides that quote the exam guide.',
};

export const AIP_C01: Exam = {
  code: 'AIP-C01',
  name: 'AWS Certified Generative AI Developer – Professional',
  status: 'current',
  availability: 'Current professional exam.',
  source: 'https://aws.amazon.com/certification/certified-generative-ai-developer-professional/',
  domains: [
    { number: 1, title: 'Foundation Model Integration, Data Management, and Compliance', weight: 31, source: 'https://aws.amazon.com/certification/certified-generative-ai-developer-professional/', tasks: [] },
    { number: 2, title: 'Implementation and Integration', weight: 26, source: 'https://aws.amazon.com/certification/certified-generative-ai-developer-professional/', tasks: [] },
    { number: 3, title: 'AI Safety, Security, and Governance', weight: 20, source: 'https://aws.amazon.com/certification/certified-generative-ai-developer-professional/', tasks: [] },
    { number: 4, title: 'Operational Efficiency and Optimization for GenAI Applications', weight: 12, source: 'https://aws.amazon.com/certification/certified-generative-ai-developer-professional/', tasks: [] },
    { number: 5, title: 'Testing, Validation, and Troubleshooting', weight: 11, source: 'https://aws.amazon.com/certification/certified-generative-ai-developer-professional/', tasks: [] },
  ],
  checked:
    'Domain titles and weights (31/26/20/12/11): several study guides that quote the AWS exam guide; the AWS ' +
    'page was not in the search index. Labs map to whole domains only.',
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

/** What a lab says it teaches, as the exam data checks it. */
export interface LabExamMapping {
  readonly id: string;
  readonly mlaC02Tasks: readonly string[];
  readonly otherExams?: OtherExamRefs;
}

/** Every problem with the labs' exam mappings: no MLA-C02 task, or a reference the data file does not have. */
export function examMappingProblems(labs: readonly LabExamMapping[]): string[] {
  const problems: string[] = [];
  for (const lab of labs) {
    if (lab.mlaC02Tasks.length === 0) {
      problems.push(`lab ${lab.id} maps to no MLA-C02 task statement`);
    }
    for (const task of lab.mlaC02Tasks) {
      if (!findMlaC02Task(task)) {
        problems.push(`lab ${lab.id} maps to MLA-C02 ${task}, which lib/labs/exams.ts does not list`);
      }
    }
    for (const [code, refs] of Object.entries(lab.otherExams ?? {})) {
      const exam = findExam(code);
      for (const ref of refs ?? []) {
        if (!exam || !examRefExists(exam, ref)) {
          problems.push(`lab ${lab.id} maps to ${code} ${ref}, which lib/labs/exams.ts does not list`);
        }
      }
    }
  }
  return problems;
}

/** The README's exam column for a lab: `MLA-C02 1.1, 1.2 · AIP-C01 D1` (D1: the whole domain 1). Retired exams are left out. */
export function examColumn(lab: LabExamMapping): string {
  const other = Object.entries(lab.otherExams ?? {})
    .filter(([code]) => findExam(code)?.status !== 'retired')
    .map(([code, refs]) => `${code} ${(refs ?? []).map((r) => (r.includes('.') ? r : `D${r}`)).join(', ')}`);
  return [`MLA-C02 ${lab.mlaC02Tasks.join(', ')}`, ...other].join(' · ');
}
