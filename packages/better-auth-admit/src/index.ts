export { admitLinkExchange, type AdmitLinkExchangeOptions } from "./link-exchange";
