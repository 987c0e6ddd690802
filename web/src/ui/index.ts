/** The dashboard's UI kit: one look for the overview and the pages. */
export { Card, Detail, PageHeader, Stat } from './Card.tsx';
export { ConfirmButton, ConfirmDialog } from './ConfirmDialog.tsx';
export { type Column, DataTable, LoadMore, PagedTable, type Pager, TableScroll } from './DataTable.tsx';
export { Alert, Banner, ErrorAlert, LoadError, Loading, messageOf, QueryFallback } from './feedback.tsx';
export {
  CheckboxField,
  errorFor,
  Field,
  type FieldControlProps,
  FieldError,
  FileField,
  FilterSelect,
  fieldErrorsOf,
  SelectField,
  TextField,
  useDraft,
  useFormSave,
} from './form.tsx';
export { pageUrl, usePagedList } from './paging.ts';
export { StatusBadge, type Tone, toneOf } from './status.tsx';
export {
  BADGE,
  buttonClass,
  checkboxClass,
  FOCUS,
  inputClass,
  mutedText,
  tdClass,
  thClass,
} from './styles.ts';
