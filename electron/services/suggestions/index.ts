export { createSuggestions, type SuggestionsService } from './suggestionsService';
export { createFiledReader, type FiledReading } from './readFiled';
