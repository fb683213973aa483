"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { type InstrumentFormat, instrumentFormat } from "./instrument-format";
import { instrumentsQuery } from "./order-queries";

export function useInstrumentFormat(): InstrumentFormat {
  const { data } = useQuery(instrumentsQuery);
  return useMemo(() => instrumentFormat(data?.instruments), [data]);
}
