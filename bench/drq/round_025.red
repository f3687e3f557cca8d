;redcode-94
;name offline r25 s245
;author drq offline generator
;strategy mutated r25s231: switched to a qscan; step -2865 → -2867
;header
        SPL.B  $23, $0
        SPL.B  $33, $0
;block qscan 0
        SEQ.I  $20, $220
        MOV.AB #197, $18
        SEQ.I  $18, $1203
        MOV.AB #1182, $16
        SEQ.I  $16, $2186
        MOV.AB #2167, $14
        SEQ.I  $14, $3169
        MOV.AB #3152, $12
        SEQ.I  $12, $-3848
        MOV.AB #-3863, $10
        SEQ.I  $10, $-2867
        MOV.AB #-2878, $8
        SEQ.I  $8, $-1882
        MOV.AB #-1893, $6
        JMZ.B  $3, $5
        MOV.I  $3, >4
        DJN.B  $-1, #15
        DAT.F  #0, #0
        SPL.B  #0, $0
        DAT.F  #0, #0
        DAT.F  $0, $0
;block paper 0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  @0, }-3094
        MOV.I  }-1, >-1
        SPL.B  @0, {-1155
        MOV.I  }-1, >-1
        JMP.I  $3, }1445
        MOV.I  {-3, <1
        JMP.B  @0, >-748
        DAT.F  <2667, <-2667
;block imp 0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $2, $0
        JMP.B  @0, $3
        ADD.AB #2667, $-1
        DAT.F  #0, #0
        MOV.I  #0, $2667
        end     0
