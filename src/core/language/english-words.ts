/**
 * Common English words, for telling English from Vietnamese typed without accents.
 * Function words and the vocabulary of admissions questions; the knowledge base's own
 * English vocabulary is added by the caller.
 */
const WORDS = `a about above after again age all also am an and any anyone apply application applications are as ask at
available back be because been before being best better between bot but by can cannot cost costs could course courses
day days did do does doing done dont during each easy english enough even every exam exams expire family fee fees
find first for free from get gets getting give go going good got had has have having he hello help her here hi him his
home how i if in info information into is it its japan japanese job jobs just know last later learn like live long
look lot make many may me more most much must my need needs new next no not now of off old on once one only or other
our out over own pass pay people person please price program programme programs question questions ready really
renew require required requirements right same school see selection she should so some someone start still student
students study such take takes talk team tell test tests than thank thanks that the their them then there these they
thing things think this those through time to too training try up us use very visa wait want was way we well were
what when where which while who why will with without work working would year years yes you your hey bye goodbye
human agent real robot certificate certificates certification certifications scholarship scholarships dorm
dormitory girls women university college degree salary after internship contact email phone address interview
written visit round rounds steps step process deadline month months when weather joke essay tuition phone best
write code reset password winner won league champions kind organisation organization charge charges charged these days
anything computers computer subjects entrance anymore
`;

export const ENGLISH_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
