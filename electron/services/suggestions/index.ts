export { createSuggestions, type SuggestionsService } from './suggestionsService';
